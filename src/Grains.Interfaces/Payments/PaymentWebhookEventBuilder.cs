using System.Text;
using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>
/// Writes the webhook JSON for a <see cref="PaymentEvent"/> in the shape <see cref="PaymentWebhookParser"/> reads,
/// so <c>Parse(Build(e)).Event == e</c> (times are whole seconds on the wire). Used by the sandbox gateway and tests.
/// </summary>
public static class PaymentWebhookEventBuilder
{
    /// <param name="paymentEvent">The event to write.</param>
    /// <param name="paymentAmount">
    /// The payment's full amount, written as <c>data.object.amount</c> for refunds (whose event amount is the
    /// refunded part); defaults to the event's amount.
    /// </param>
    public static string Build(PaymentEvent paymentEvent, Money? paymentAmount = null)
    {
        ArgumentNullException.ThrowIfNull(paymentEvent);
        if (paymentEvent.Kind == PaymentEventKind.Refunded && string.IsNullOrEmpty(paymentEvent.RefundId))
        {
            throw new ArgumentException("A refund event needs a refund id.", nameof(paymentEvent));
        }

        var amount = paymentAmount ?? paymentEvent.Amount;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", paymentEvent.EventId);
            json.WriteString("object", "event");
            json.WriteString("type", PaymentWebhookEventTypes.For(paymentEvent.Kind));
            json.WriteNumber("created", paymentEvent.OccurredAt.ToUnixTimeSeconds());
            json.WriteBoolean("livemode", false);
            json.WriteStartObject("data");
            json.WriteStartObject("object");
            json.WriteString("id", paymentEvent.PaymentId);
            json.WriteString("object", "payment_intent");
            json.WriteString("status", StatusFor(paymentEvent.Kind));
            json.WriteNumber("amount", amount.ToMinorUnits());
            json.WriteString("currency", amount.Currency.ToLowerInvariant());
            json.WriteStartObject("metadata");
            json.WriteString("order_id", paymentEvent.OrderId);
            json.WriteEndObject();
            if (paymentEvent.Kind is PaymentEventKind.Failed or PaymentEventKind.Disputed && paymentEvent.DeclineCode is not null)
            {
                json.WriteStartObject("last_payment_error");
                json.WriteString("code", paymentEvent.DeclineCode);
                json.WriteEndObject();
            }

            if (paymentEvent.Kind == PaymentEventKind.Refunded)
            {
                json.WriteStartObject("refund");
                json.WriteString("id", paymentEvent.RefundId);
                json.WriteNumber("amount", paymentEvent.Amount.ToMinorUnits());
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Stripe's payment intent statuses after each event, for realism only: the parser ignores them.
    private static string StatusFor(PaymentEventKind kind) => kind switch
    {
        PaymentEventKind.Succeeded or PaymentEventKind.Refunded or PaymentEventKind.Disputed => "succeeded",
        PaymentEventKind.Authorized => "requires_capture",
        PaymentEventKind.Canceled => "canceled",
        _ => "requires_payment_method",
    };
}
