namespace PacificEdge.Simulators.Payments;

/// <summary>A webhook claimed from the sandbox outbox for one delivery attempt.</summary>
/// <param name="Seq">Its row.</param>
/// <param name="EventId">The event id (the same on every attempt and copy).</param>
/// <param name="Kind">The event kind, for logs.</param>
/// <param name="PaymentId">The payment it is about.</param>
/// <param name="Payload">The JSON body to sign and send.</param>
/// <param name="Copies">How many times to send it (1 + DuplicateDeliveries when it was written).</param>
/// <param name="Attempts">Attempts including this one.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="LastError">Why the previous attempt failed, if it did.</param>
public sealed record SandboxWebhookDelivery(
    long Seq, string EventId, string Kind, string PaymentId, string Payload, int Copies, int Attempts, DateTimeOffset CreatedAt, string? LastError);
