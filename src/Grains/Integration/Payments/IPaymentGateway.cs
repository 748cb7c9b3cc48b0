using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Integration.Payments;

/// <summary>
/// The payment gateway port (one gateway, many methods, like Stripe or Authorize.Net). Payments
/// are created from a card token, never a card number; the final outcome arrives as a signed
/// webhook event, which is the source of truth.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Starts a payment. Declines are not exceptions: they arrive as a failed payment (also by webhook).</summary>
    /// <exception cref="ValidationException">The token is missing or looks like a card number.</exception>
    /// <exception cref="PaymentGatewayUnavailableException">The gateway could not be reached; safe to retry with the same idempotency key.</exception>
    Task<PaymentAttempt> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken);

    /// <summary>Captures an authorised payment.</summary>
    Task<PaymentAttempt> CaptureAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>Refunds part or all of a succeeded payment. Idempotent per key.</summary>
    Task<RefundResult> RefundAsync(string paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Cancels a payment that has not succeeded.</summary>
    Task VoidAsync(string paymentId, CancellationToken cancellationToken);
}

/// <param name="OrderId">Ours; the gateway echoes it in webhook metadata.</param>
/// <param name="Amount">What to charge.</param>
/// <param name="CardToken">A token from the gateway's client-side library (e.g. tok_visa in the sandbox).</param>
/// <param name="IdempotencyKey">The same key never charges twice.</param>
/// <param name="CustomerEmail">For the gateway's receipt.</param>
public sealed record PaymentRequest(string OrderId, Money Amount, string CardToken, string IdempotencyKey, string CustomerEmail);

/// <param name="PaymentId">The gateway's payment id.</param>
/// <param name="Status">Where the payment is now.</param>
/// <param name="DeclineCode">For failures.</param>
/// <param name="NextActionUrl">For <see cref="PaymentAttemptStatus.RequiresAction"/>: where the shopper completes it, when the gateway gives a URL.</param>
public sealed record PaymentAttempt(string PaymentId, PaymentAttemptStatus Status, string? DeclineCode = null, string? NextActionUrl = null);

public enum PaymentAttemptStatus
{
    /// <summary>Accepted; the outcome follows by webhook.</summary>
    Processing,
    Authorized,
    Succeeded,
    Failed,
    Canceled,

    /// <summary>The shopper must act first (3-D Secure); the outcome follows by webhook.</summary>
    RequiresAction,
}

public sealed record RefundResult(string RefundId, Money Amount, bool Succeeded, string? FailureCode = null);

/// <summary>The gateway did not answer or answered with a server error; the request may be retried with the same idempotency key.</summary>
public sealed class PaymentGatewayUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
