using System.Text.RegularExpressions;

namespace PacificEdge.Simulators.Payments;

/// <summary>The sandbox's test card tokens and what each one does; any other <c>tok_…</c> is declined as <c>invalid_token</c>.</summary>
public static partial class SandboxCardTokens
{
    /// <summary>Succeeds.</summary>
    public const string Visa = "tok_visa";

    /// <summary>Fails with <c>card_declined</c>.</summary>
    public const string ChargeDeclined = "tok_chargeDeclined";

    /// <summary>Fails with <c>insufficient_funds</c>.</summary>
    public const string InsufficientFunds = "tok_insufficientFunds";

    /// <summary>Fails with <c>processing_error</c>.</summary>
    public const string ProcessingError = "tok_processingError";

    /// <summary>Succeeds after <see cref="PaymentSandboxOptions.SlowDelay"/>.</summary>
    public const string Slow = "tok_slow";

    /// <summary>Decline code for tokens the sandbox does not know.</summary>
    public const string InvalidTokenCode = "invalid_token";

    internal const string TokenPrefix = "tok_";

    /// <summary>What a token does. Assumes <paramref name="token"/> starts with <c>tok_</c>.</summary>
    internal static SandboxCardBehaviour Resolve(string token) => token switch
    {
        Visa => new SandboxCardBehaviour(null, Slow: false),
        Slow => new SandboxCardBehaviour(null, Slow: true),
        ChargeDeclined => new SandboxCardBehaviour("card_declined", Slow: false),
        InsufficientFunds => new SandboxCardBehaviour("insufficient_funds", Slow: false),
        ProcessingError => new SandboxCardBehaviour("processing_error", Slow: false),
        _ => new SandboxCardBehaviour(InvalidTokenCode, Slow: false),
    };

    /// <summary>True when the text holds 13–19 digits in a row (spaces or dashes between them allowed): a card number, not a token.</summary>
    public static bool LooksLikeCardNumber(string value) => CardNumberPattern().IsMatch(value);

    [GeneratedRegex(@"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CardNumberPattern();
}
