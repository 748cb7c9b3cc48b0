using System.Security.Cryptography;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Simulators.Payments;

/// <summary>What the sandbox gateways (in memory and in PostgreSQL) accept, and how they name things; one copy so they agree.</summary>
internal static class SandboxPaymentRules
{
    public static string NewId(string prefix) => prefix + RandomNumberGenerator.GetHexString(24, lowercase: true);

    public static void ValidatePayment(PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Ids.Require(request.OrderId, "Order id");
        Ids.Require(request.IdempotencyKey, "Idempotency key", 200);
        if (string.IsNullOrWhiteSpace(request.CardToken))
        {
            throw new ValidationException("A card token is required.");
        }

        // Checked before anything else looks at the token, and the message never echoes it.
        if (SandboxCardTokens.LooksLikeCardNumber(request.CardToken))
        {
            throw new ValidationException("Send a card token, never a card number.");
        }

        if (!request.CardToken.StartsWith(SandboxCardTokens.TokenPrefix, StringComparison.Ordinal) || request.CardToken.Length > 100)
        {
            throw new ValidationException("Unrecognised card token: the sandbox takes test tokens such as tok_visa.");
        }

        if (request.Amount.Amount <= 0m || request.Amount.Round() != request.Amount)
        {
            throw new ValidationException("A payment amount must be positive, in whole minor units.");
        }
    }

    public static void ValidateRefund(Money amount, string idempotencyKey)
    {
        Ids.Require(idempotencyKey, "Refund idempotency key", 200);
        if (amount.Amount <= 0m || amount.Round() != amount)
        {
            throw new ValidationException("A refund amount must be positive, in whole minor units.");
        }
    }
}
