using PacificEdge.Silo.Import.Parsing;

namespace PacificEdge.Silo.Tests.Import;

public sealed class LegacyValuesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2024-03-05", "2024-03-05T00:00:00Z")]
    [InlineData("03/05/2024", "2024-03-05T00:00:00Z")]
    [InlineData("3/5/2024 4:30 PM", "2024-03-05T16:30:00Z")]
    [InlineData("2024-03-05T10:15:00+02:00", "2024-03-05T08:15:00Z")]
    [InlineData("Mar 5, 2024", "2024-03-05T00:00:00Z")]
    [InlineData("5 March 2024", "2024-03-05T00:00:00Z")]
    public void Dates_in_the_export_formats_are_read_as_UTC(string text, string expected)
    {
        Assert.True(LegacyValues.TryDate(text, Now, out var value, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("31/31/2024", "not a date")]
    [InlineData("", "empty")]
    [InlineData("2999-01-01", "future")]
    public void Bad_dates_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(LegacyValues.TryDate(text, Now, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$1,234.50", 1234.50, "USD")]
    [InlineData("1234.5 EUR", 1234.5, "EUR")]
    [InlineData("€12.00", 12, "EUR")]
    [InlineData("£7", 7, "GBP")]
    [InlineData("USD 9.99", 9.99, "USD")]
    [InlineData("12", 12, "USD")]
    public void Amounts_with_symbols_codes_and_separators_are_read(string text, decimal amount, string currency)
    {
        Assert.True(LegacyValues.TryMoney(text, "USD", out var value, out var code, out var error), error);
        Assert.Equal((amount, currency), (value, code));
    }

    [Theory]
    [InlineData("12,50", "ambiguous")]
    [InlineData("-$5.00", "negative")]
    [InlineData("1.234", "two decimals")]
    [InlineData("ten dollars", "not an amount")]
    public void Bad_amounts_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(LegacyValues.TryMoney(text, "USD", out _, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Emails_are_trimmed_and_lower_cased_and_bad_ones_refused()
    {
        Assert.True(LegacyValues.TryEmail("  Ann.Lee@Example.COM ", out var email, out _));
        Assert.Equal("ann.lee@example.com", email);
        Assert.False(LegacyValues.TryEmail("Ann Lee <ann@example.com>", out _, out var error));
        Assert.Contains("not an email address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Whole_numbers_accept_thousands_separators_and_refuse_negatives()
    {
        Assert.True(LegacyValues.TryWholeNumber("1,200", 10_000, "points", out var value, out _));
        Assert.Equal(1200, value);
        Assert.False(LegacyValues.TryWholeNumber("-5", 10_000, "points", out _, out _));
    }
}
