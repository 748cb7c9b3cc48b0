using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Simulators.Payments;

/// <summary>One row of <c>payment_sandbox_payments</c>, as the durable sandbox gateway reads it.</summary>
internal sealed record SandboxPaymentRow(
    string Id, string OrderId, Money Amount, PaymentAttemptStatus Status, string? PlannedDeclineCode, string? DeclineCode, Money Refunded)
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "id, order_id, amount, currency, status, planned_decline_code, decline_code, refunded";

    /// <summary>Whether a repeated create with the same idempotency key asks for the same thing.</summary>
    public bool Matches(PaymentRequest other) => other.OrderId == OrderId && other.Amount == Amount;

    public PaymentAttempt ToAttempt() => new(Id, Status, DeclineCode);

    public static SandboxPaymentRow Read(Npgsql.NpgsqlDataReader reader)
    {
        var currency = reader.GetString(3);
        return new SandboxPaymentRow(
            reader.GetString(0),
            reader.GetString(1),
            new Money(reader.GetDecimal(2), currency),
            Enum.Parse<PaymentAttemptStatus>(reader.GetString(4)),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            new Money(reader.GetDecimal(7), currency));
    }
}
