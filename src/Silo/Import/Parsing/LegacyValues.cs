using System.Globalization;
using System.Text.RegularExpressions;
using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.Silo.Import.Parsing;

/// <summary>
/// Reads the old shop's loosely formatted values. Every method returns an error text instead of throwing, so a row's
/// problem becomes a line in the report. Slash dates are month first (the old shop was US-based); dates without an
/// offset are UTC.
/// </summary>
public static partial class LegacyValues
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss zzz", "yyyy/MM/dd", "yyyy/MM/dd HH:mm", "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss",
        "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy",
    ];

    private static readonly Dictionary<string, string> CurrencySymbols = new(StringComparer.Ordinal)
    {
        ["$"] = "USD",
        ["US$"] = "USD",
        ["€"] = "EUR",
        ["£"] = "GBP",
        ["C$"] = "CAD",
        ["A$"] = "AUD",
    };

    /// <summary>A lower-cased bare email address.</summary>
    public static bool TryEmail(string text, out string email, out string error)
    {
        email = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the email is empty";
            return false;
        }

        if (!EmailAddressSyntax.TryParse(text, out var address) || address.Length > 254)
        {
            error = $"'{Shorten(text)}' is not an email address";
            return false;
        }

        email = address.ToLowerInvariant();
        error = string.Empty;
        return true;
    }

    /// <summary>A date (and time) in one of the accepted formats, not after <paramref name="now"/> plus a day.</summary>
    public static bool TryDate(string text, DateTimeOffset now, out DateTimeOffset value, out string error)
    {
        error = string.Empty;
        if (!DateTimeOffset.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out value))
        {
            error = string.IsNullOrWhiteSpace(text) ? "the date is empty" : $"'{Shorten(text)}' is not a date in a known format";
            return false;
        }

        if (value > now.AddDays(1))
        {
            error = $"the date {value:yyyy-MM-dd} is in the future";
            return false;
        }

        return true;
    }

    /// <summary>
    /// An amount like <c>$1,234.50</c>, <c>1234.5 USD</c>, <c>€12.00</c>: symbol or code gives the currency (else
    /// <paramref name="defaultCurrency"/>). A lone comma before one or two digits (<c>12,50</c>) is refused as ambiguous.
    /// </summary>
    public static bool TryMoney(string text, string defaultCurrency, out decimal amount, out string currency, out string error)
    {
        amount = 0m;
        currency = defaultCurrency;
        error = string.Empty;
        var match = MoneyPattern().Match(text.Trim());
        if (!match.Success)
        {
            error = string.IsNullOrWhiteSpace(text) ? "the amount is empty" : $"'{Shorten(text)}' is not an amount";
            return false;
        }

        var symbol = match.Groups["pre"].Value.Trim() is { Length: > 0 } pre ? pre : match.Groups["post"].Value.Trim();
        if (symbol.Length > 0)
        {
            currency = CurrencySymbols.TryGetValue(symbol, out var code) ? code : symbol.ToUpperInvariant();
        }

        var number = match.Groups["number"].Value;
        if (!number.Contains('.', StringComparison.Ordinal) && DecimalComma().IsMatch(number))
        {
            error = $"'{Shorten(text)}' is ambiguous: write the decimal separator as a point";
            return false;
        }

        if (!decimal.TryParse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount)
            || decimal.Round(amount, 2) != amount)
        {
            error = $"'{Shorten(text)}' is not an amount with at most two decimals";
            return false;
        }

        if (match.Groups["minus"].Success)
        {
            error = $"'{Shorten(text)}' is negative";
            return false;
        }

        return true;
    }

    /// <summary>A whole number from 0 to <paramref name="max"/>, thousands separators allowed (<c>1,200</c>).</summary>
    public static bool TryWholeNumber(string text, int max, string what, out int value, out string error)
    {
        error = string.Empty;
        var digits = text.Trim().Replace(",", "", StringComparison.Ordinal);
        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value < 0 || value > max)
        {
            error = string.IsNullOrWhiteSpace(text) ? $"the {what} is empty" : $"the {what} '{Shorten(text)}' is not a whole number from 0 to {max}";
            return false;
        }

        return true;
    }

    /// <summary>Keeps report lines readable and bounded.</summary>
    public static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }

    [GeneratedRegex(@"^(?<minus>-)?\s*(?<pre>[A-Z]{3}\s|US\$|C\$|A\$|[$€£])?\s*(?<number>\d[\d,]*(\.\d+)?)\s*(?<post>[A-Za-z]{3}|[$€£])?$", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"^\d+,\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();
}
