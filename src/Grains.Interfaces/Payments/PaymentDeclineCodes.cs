namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>
/// Our decline codes (what the order shows and the shopper is told) and the mapping from a provider's codes. Shared
/// by the gateway (synchronous declines) and the webhook endpoint (asynchronous ones), so both say the same thing.
/// </summary>
public static class PaymentDeclineCodes
{
    public const string CardDeclined = "card_declined";
    public const string InsufficientFunds = "insufficient_funds";
    public const string ExpiredCard = "expired_card";
    public const string IncorrectCvc = "incorrect_cvc";
    public const string IncorrectNumber = "incorrect_number";
    public const string ProcessingError = "processing_error";
    public const string AuthenticationRequired = "authentication_required";

    /// <summary>Anything we have no specific code for: the shopper is asked to try another card.</summary>
    public const string Declined = "declined";

    /// <summary>
    /// Maps a Stripe <c>decline_code</c> (preferred) or error <c>code</c> to ours. Issuers' finer codes collapse
    /// into the few a shopper can act on; fraud-related ones become the plain <see cref="CardDeclined"/> on purpose,
    /// so a fraudster learns nothing.
    /// </summary>
    public static string FromStripe(string? declineCode, string? errorCode)
    {
        var code = string.IsNullOrWhiteSpace(declineCode) || declineCode == "generic_decline" ? errorCode : declineCode;
        return code switch
        {
            null or "" => Declined,
            "card_declined" or "generic_decline" or "do_not_honor" or "fraudulent" or "merchant_blacklist"
                or "pickup_card" or "restricted_card" or "security_violation" or "transaction_not_allowed"
                or "card_not_supported" or "currency_not_supported" or "card_velocity_exceeded" or "lost_card" or "stolen_card" => CardDeclined,
            "insufficient_funds" or "withdrawal_count_limit_exceeded" => InsufficientFunds,
            "expired_card" => ExpiredCard,
            "incorrect_cvc" or "invalid_cvc" => IncorrectCvc,
            "incorrect_number" or "invalid_number" => IncorrectNumber,
            "processing_error" or "issuer_not_available" or "try_again_later" or "reenter_transaction" => ProcessingError,
            "authentication_required" or "payment_intent_authentication_failure" => AuthenticationRequired,
            _ => Declined,
        };
    }
}
