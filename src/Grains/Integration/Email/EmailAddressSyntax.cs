using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>Checks that text is one bare email address (<c>user@domain</c>: no display name, no angle brackets, no list).</summary>
public static class EmailAddressSyntax
{
    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>True when <paramref name="text"/>, trimmed, is one bare address; <paramref name="address"/> is then the trimmed text.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (!MailboxAddress.TryParse(Strict, trimmed, out var mailbox)
            || !string.IsNullOrEmpty(mailbox.Name)
            || mailbox.Route.Count > 0
            || mailbox.Address != trimmed
            || mailbox.Address.IndexOf('@', StringComparison.Ordinal) is <= 0 || mailbox.Address.EndsWith('@'))
        {
            return false;
        }

        address = trimmed;
        return true;
    }

    /// <summary>True when <paramref name="text"/>, trimmed, is one bare address.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);
}
