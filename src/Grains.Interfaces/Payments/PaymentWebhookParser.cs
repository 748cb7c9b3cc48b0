using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>
/// Parses a payment webhook body (already signature-checked) into a <see cref="PaymentEvent"/>. The shape is
/// Stripe-like:
/// <code>
/// {
///   "id": "evt_…",                        required, the event id
///   "object": "event",                    ignored
///   "type": "payment_intent.succeeded",   required; see PaymentWebhookEventTypes
///   "created": 1767225600,                required for known types, unix seconds
///   "data": { "object": {                 required for known types: the payment
///     "id": "pi_…",                       required, the payment id
///     "amount": 4999,                     required, minor units (cents), not negative
///     "currency": "usd",                  required, ISO 4217 (any case; upper-cased for Money)
///     "metadata": { "order_id": "ord_…" },required, our order id
///     "last_payment_error": { "code": "card_declined", "decline_code": "…" },
///                                         failures and disputes: decline_code if present, else code
///     "refund": { "id": "re_…", "amount": 1000 }
///                                         required for charge.refunded; its amount is the event's Amount
///   } }
/// }
/// </code>
/// Unknown fields are ignored. An unknown <c>type</c> is not an error: it gives a result without an event.
/// </summary>
public static class PaymentWebhookParser
{
    /// <summary>Deeper JSON is rejected (the real shape is four levels deep).</summary>
    public const int MaxDepth = 16;

    private const int MaxTypeLength = 100;

    /// <exception cref="PaymentWebhookFormatException">Not JSON, or a required field is missing or invalid.</exception>
    public static PaymentWebhookParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new PaymentWebhookFormatException("The payment webhook body is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PaymentWebhookFormatException("The payment webhook body must be a JSON object.");
            }

            var eventId = RequireId(RequireString(root, "id", "id"), "id");
            var type = RequireString(root, "type", "type");
            if (type.Length > MaxTypeLength)
            {
                throw new PaymentWebhookFormatException($"Field 'type' is longer than {MaxTypeLength} characters.");
            }

            return PaymentWebhookEventTypes.TryGetKind(type, out var kind)
                ? new PaymentWebhookParseResult(eventId, type, ParseEvent(root, eventId, kind))
                : new PaymentWebhookParseResult(eventId, type, null);
        }
    }

    private static PaymentEvent ParseEvent(JsonElement root, string eventId, PaymentEventKind kind)
    {
        var occurredAt = FromUnixSeconds(RequireInt64(root, "created", "created"));
        var payment = RequireObject(RequireObject(root, "data", "data"), "object", "data.object");
        var paymentId = RequireId(RequireString(payment, "id", "data.object.id"), "data.object.id");
        var currency = RequireString(payment, "currency", "data.object.currency").ToUpperInvariant();
        var amount = ToMoney(RequireInt64(payment, "amount", "data.object.amount"), currency, "data.object.amount");
        var metadata = RequireObject(payment, "metadata", "data.object.metadata");
        var orderId = RequireId(RequireString(metadata, "order_id", "data.object.metadata.order_id"), "data.object.metadata.order_id");

        string? declineCode = null;
        string? refundId = null;
        if (kind is PaymentEventKind.Failed or PaymentEventKind.Disputed
            && payment.TryGetProperty("last_payment_error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            declineCode = OptionalString(error, "decline_code") ?? OptionalString(error, "code");
        }

        if (kind == PaymentEventKind.Refunded)
        {
            var refund = RequireObject(payment, "refund", "data.object.refund");
            refundId = RequireId(RequireString(refund, "id", "data.object.refund.id"), "data.object.refund.id");
            amount = ToMoney(RequireInt64(refund, "amount", "data.object.refund.amount"), currency, "data.object.refund.amount");
        }

        return new PaymentEvent(eventId, kind, paymentId, orderId, amount, occurredAt, declineCode, refundId);
    }

    private static Money ToMoney(long minorUnits, string currency, string path)
    {
        if (minorUnits < 0)
        {
            throw new PaymentWebhookFormatException($"Field '{path}' must not be negative.");
        }

        try
        {
            return Money.FromMinorUnits(minorUnits, currency);
        }
        catch (ValidationException ex)
        {
            throw new PaymentWebhookFormatException("Field 'data.object.currency' must be a three-letter ISO currency code.", ex);
        }
    }

    private static DateTimeOffset FromUnixSeconds(long seconds)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new PaymentWebhookFormatException("Field 'created' is not a valid unix time.", ex);
        }
    }

    private static string RequireId(string value, string path)
    {
        try
        {
            return Ids.Require(value, path);
        }
        catch (ValidationException ex)
        {
            throw new PaymentWebhookFormatException($"Field '{path}' is not a valid id.", ex);
        }
    }

    private static JsonElement RequireObject(JsonElement parent, string name, string path)
        => parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new PaymentWebhookFormatException($"Field '{path}' is required and must be an object.");

    private static string RequireString(JsonElement parent, string name, string path)
        => OptionalString(parent, name) is { Length: > 0 } value
            ? value
            : throw new PaymentWebhookFormatException($"Field '{path}' is required and must be a non-empty string.");

    private static long RequireInt64(JsonElement parent, string name, string path)
        => parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new PaymentWebhookFormatException($"Field '{path}' is required and must be an integer.");

    private static string? OptionalString(JsonElement parent, string name)
        => parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
