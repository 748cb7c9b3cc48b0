namespace PacificEdge.Simulators.Payments;

/// <summary>What the sandbox's webhook deliveries have done in this process; for tests and benchmarks.</summary>
public interface ISandboxWebhookDeliveries
{
    /// <summary>Webhook deliveries that reached the transport successfully (duplicates included).</summary>
    int DeliveredCount { get; }

    /// <summary>Webhooks given up after <see cref="PaymentSandboxOptions.DeliveryMaxAttempts"/> (or, durable, the maximum age).</summary>
    int AbandonedCount { get; }

    /// <summary>Completes when no payment awaits its outcome and no webhook awaits delivery.</summary>
    Task WhenIdleAsync(CancellationToken cancellationToken = default);
}
