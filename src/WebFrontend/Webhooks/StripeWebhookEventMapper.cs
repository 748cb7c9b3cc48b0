using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using Stripe;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// Turns a verified Stripe event into our <see cref="PaymentEvent"/>. PaymentIntents carry our order id in
/// <c>metadata.order_id</c>; charges and disputes usually do not (Stripe does not copy it), so their order is looked
/// up through the PaymentIntent they belong to.
/// </summary>
public static class StripeWebhookEventMapper
{
    /// <summary>Finds the order of a PaymentIntent (null when it has none).</summary>
    public delegate Task<string?> OrderLookup(string paymentIntentId, CancellationToken cancellationToken);

    /// <exception cref="PaymentWebhookFormatException">Not a Stripe event, or a field we need is missing.</exception>
    public static async Task<PaymentWebhookParseResult> MapAsync(string json, OrderLookup lookup, CancellationToken cancellationToken)
    {
        Event stripeEvent;
        try
        {
            // Our API version may lag the account's: the fields we read are stable across versions.
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PaymentWebhookFormatException("The payment webhook body is not a Stripe event.", ex);
        }

        if (string.IsNullOrEmpty(stripeEvent.Id) || string.IsNullOrEmpty(stripeEvent.Type))
        {
            throw new PaymentWebhookFormatException("Fields 'id' and 'type' are required.");
        }

        var occurredAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var data = stripeEvent.Data?.Object;
        PaymentEvent? mapped = (stripeEvent.Type, data) switch
        {
            ("payment_intent.succeeded", PaymentIntent pi) => FromIntent(stripeEvent.Id, PaymentEventKind.Succeeded, pi, occurredAt, pi.AmountReceived > 0 ? pi.AmountReceived : pi.Amount),
            ("payment_intent.amount_capturable_updated", PaymentIntent pi) => FromIntent(stripeEvent.Id, PaymentEventKind.Authorized, pi, occurredAt, pi.AmountCapturable > 0 ? pi.AmountCapturable : pi.Amount),
            ("payment_intent.canceled", PaymentIntent pi) => FromIntent(stripeEvent.Id, PaymentEventKind.Canceled, pi, occurredAt, pi.Amount),
            ("payment_intent.payment_failed", PaymentIntent pi) => FromIntent(stripeEvent.Id, PaymentEventKind.Failed, pi, occurredAt, pi.Amount) with
            {
                DeclineCode = PaymentDeclineCodes.FromStripe(pi.LastPaymentError?.DeclineCode, pi.LastPaymentError?.Code),
            },
            ("charge.refunded", Charge charge) => await FromRefundAsync(stripeEvent.Id, charge, json, occurredAt, lookup, cancellationToken),
            ("charge.dispute.created", Dispute dispute) => await FromDisputeAsync(stripeEvent.Id, dispute, occurredAt, lookup, cancellationToken),
            (PaymentWebhookEventTypes.PaymentSucceeded or PaymentWebhookEventTypes.PaymentFailed or PaymentWebhookEventTypes.AmountCapturableUpdated
                or PaymentWebhookEventTypes.PaymentCanceled or PaymentWebhookEventTypes.ChargeRefunded or PaymentWebhookEventTypes.ChargeDisputeCreated, _)
                => throw new PaymentWebhookFormatException($"Field 'data.object' is not what a {stripeEvent.Type} event carries."),
            _ => null,
        };
        return new PaymentWebhookParseResult(stripeEvent.Id, stripeEvent.Type, mapped);
    }

    private static PaymentEvent FromIntent(string eventId, PaymentEventKind kind, PaymentIntent intent, DateTimeOffset occurredAt, long amount)
    {
        var orderId = intent.Metadata?.GetValueOrDefault(PaymentMetadata.OrderId);
        if (string.IsNullOrEmpty(intent.Id) || string.IsNullOrEmpty(orderId))
        {
            throw new PaymentWebhookFormatException("Fields 'data.object.id' and 'data.object.metadata.order_id' are required.");
        }

        return new PaymentEvent(eventId, kind, intent.Id, orderId, ToMoney(amount, intent.Currency), occurredAt);
    }

    private static async Task<PaymentEvent> FromRefundAsync(
        string eventId, Charge charge, string json, DateTimeOffset occurredAt, OrderLookup lookup, CancellationToken cancellationToken)
    {
        var paymentId = Require(charge.PaymentIntentId, "data.object.payment_intent");
        var orderId = await OrderIdAsync(charge.Metadata, paymentId, lookup, cancellationToken);

        // The newest refund when the charge lists them; since API 2022-11-15 it does not, and the refunded amount
        // is what grew since the previous state (data.previous_attributes.amount_refunded).
        if (charge.Refunds?.Data is { Count: > 0 } refunds)
        {
            var newest = refunds.MaxBy(r => r.Created)!;
            return new PaymentEvent(eventId, PaymentEventKind.Refunded, paymentId, orderId, ToMoney(newest.Amount, charge.Currency), occurredAt, RefundId: newest.Id);
        }

        var before = PreviousAmountRefunded(json) ?? throw new PaymentWebhookFormatException("A charge.refunded event needs data.object.refunds or data.previous_attributes.amount_refunded.");
        var refunded = charge.AmountRefunded - before;
        return new PaymentEvent(eventId, PaymentEventKind.Refunded, paymentId, orderId, ToMoney(refunded, charge.Currency), occurredAt,
            RefundId: $"{charge.Id}:{charge.AmountRefunded}");
    }

    private static async Task<PaymentEvent> FromDisputeAsync(
        string eventId, Dispute dispute, DateTimeOffset occurredAt, OrderLookup lookup, CancellationToken cancellationToken)
    {
        var paymentId = Require(dispute.PaymentIntentId, "data.object.payment_intent");
        var orderId = await OrderIdAsync(dispute.Metadata, paymentId, lookup, cancellationToken);
        return new PaymentEvent(eventId, PaymentEventKind.Disputed, paymentId, orderId, ToMoney(dispute.Amount, dispute.Currency), occurredAt, DeclineCode: dispute.Reason);
    }

    private static async Task<string> OrderIdAsync(Dictionary<string, string>? metadata, string paymentId, OrderLookup lookup, CancellationToken cancellationToken)
        => metadata?.GetValueOrDefault(PaymentMetadata.OrderId) is { Length: > 0 } orderId
            ? orderId
            : await lookup(paymentId, cancellationToken)
              ?? throw new PaymentWebhookFormatException($"Payment {paymentId} has no metadata.order_id: not one of our orders.");

    private static long? PreviousAmountRefunded(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        return document.RootElement.TryGetProperty("data", out var data)
               && data.TryGetProperty("previous_attributes", out var previous) && previous.ValueKind == JsonValueKind.Object
               && previous.TryGetProperty("amount_refunded", out var amount) && amount.TryGetInt64(out var value)
            ? value
            : null;
    }

    private static Money ToMoney(long minorUnits, string? currency)
    {
        if (minorUnits < 0 || string.IsNullOrEmpty(currency))
        {
            throw new PaymentWebhookFormatException("The amount must not be negative and the currency is required.");
        }

        try
        {
            return Money.FromMinorUnits(minorUnits, currency.ToUpperInvariant());
        }
        catch (ValidationException ex)
        {
            throw new PaymentWebhookFormatException("The currency must be a three-letter ISO code.", ex);
        }
    }

    private static string Require(string? value, string path)
        => string.IsNullOrEmpty(value) ? throw new PaymentWebhookFormatException($"Field '{path}' is required.") : value;
}
