using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Simulators.Payments;

/// <summary>One payment held by the sandbox gateway. Mutated only under the gateway's lock.</summary>
internal sealed class SandboxPayment(string id, PaymentRequest request, SandboxCardBehaviour behaviour)
{
    public string Id { get; } = id;

    public string OrderId { get; } = request.OrderId;

    public Money Amount { get; } = request.Amount;

    public SandboxCardBehaviour Behaviour { get; } = behaviour;

    public PaymentAttemptStatus Status { get; set; } = PaymentAttemptStatus.Processing;

    public string? DeclineCode { get; set; }

    public Money Refunded { get; set; } = Money.Zero(request.Amount.Currency);

    /// <summary>Whether a repeated create with the same idempotency key asks for the same thing.</summary>
    public bool Matches(PaymentRequest other) => other.OrderId == OrderId && other.Amount == Amount;

    public PaymentAttempt ToAttempt() => new(Id, Status, DeclineCode);
}
