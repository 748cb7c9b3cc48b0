using System.Text.RegularExpressions;

namespace PacificEdge.Testing;

/// <summary>Tokens of the account links in an email's text, as a shopper would click them.</summary>
public static partial class EmailedLinks
{
    /// <summary>The token of the registration link (<c>/account.html#confirm=...</c>) in <paramref name="text"/>, or null.</summary>
    public static string? RegistrationToken(string text) => RegistrationLink().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"/account\.html#confirm=([A-Za-z0-9_-]+)")]
    private static partial Regex RegistrationLink();
}
