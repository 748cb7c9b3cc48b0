namespace PacificEdge.Simulators.Payments;

/// <summary>How the sandbox gateway delivers its signed webhook events (HTTP POST to our own endpoint by default).</summary>
public interface IPaymentWebhookTransport
{
    /// <param name="payload">The raw JSON body, exactly as signed.</param>
    /// <param name="signatureHeader">The <c>Stripe-Signature</c>-style header value: <c>t=…,v1=…</c>.</param>
    Task DeliverAsync(string payload, string signatureHeader, CancellationToken cancellationToken);
}
