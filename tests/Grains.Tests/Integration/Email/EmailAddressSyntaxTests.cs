using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.Grains.Tests.Integration.Email;

public sealed class EmailAddressSyntaxTests
{
    [Theory]
    [InlineData("shopper@example.com")]
    [InlineData("  shopper+tag@example.co.uk ")]
    [InlineData("first.last@sub.example.com")]
    public void Bare_addresses_are_accepted_and_trimmed(string text)
    {
        Assert.True(EmailAddressSyntax.TryParse(text, out var address));
        Assert.Equal(text.Trim(), address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("shopper@")]
    [InlineData("@example.com")]
    [InlineData("Shopper <shopper@example.com>")]
    [InlineData("<shopper@example.com>")]
    [InlineData("a@example.com, b@example.com")]
    [InlineData("shopper@example.com\r\nBcc: victim@example.com")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(EmailAddressSyntax.IsValid(text));
    }
}
