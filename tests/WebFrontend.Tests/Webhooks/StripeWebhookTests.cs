using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using PacificEdge.WebFrontend.Webhooks;

namespace PacificEdge.WebFrontend.Tests.Webhooks;

/// <summary>Stripe's webhooks: Stripe.net's signature check with our rotation and tolerance, and the mapping to PaymentEvent.</summary>
public sealed class StripeWebhookTests
{
    private const string OldSecret = "whsec_placeholder_old_secret";
    private const string NewSecret = "whsec_placeholder_new_secret";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly string[] Secrets = [OldSecret, NewSecret];

    private static string Event(string type, string dataObject, string extra = "")
        => $$"""{"id":"evt_1","object":"event","api_version":"2020-08-27","created":{{Now.ToUnixTimeSeconds()}},"livemode":false,"type":"{{type}}","data":{"object":""" + dataObject + extra + "}}";

    private static string Intent(string status, string extra = "")
        => $$"""{"id":"pi_1","object":"payment_intent","status":"{{status}}","amount":4999,"amount_received":4999,"currency":"usd","metadata":{"order_id":"ord_1"}{{extra}}}""";

    private static Task<string?> NoLookup(string paymentIntentId, CancellationToken cancellationToken)
        => throw new InvalidOperationException("no lookup expected");

    [Theory]
    [InlineData(OldSecret)]
    [InlineData(NewSecret)]
    public void A_body_signed_the_Stripe_way_with_either_secret_is_valid(string secret)
    {
        var json = Event("payment_intent.succeeded", Intent("succeeded"));
        // Stripe's scheme: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<raw body>") in hex.
        var header = PaymentWebhookSignature.Sign(json, secret, Now.AddSeconds(-10));

        Assert.Equal(PaymentWebhookVerificationResult.Valid, StripeWebhookVerifier.Verify(json, header, Secrets, Now, TimeSpan.FromSeconds(300)));
    }

    [Fact]
    public void A_wrong_secret_a_stale_or_future_timestamp_a_tampered_body_and_no_header_are_refused()
    {
        var json = Event("payment_intent.succeeded", Intent("succeeded"));
        var tolerance = TimeSpan.FromSeconds(300);

        Assert.Equal(PaymentWebhookVerificationResult.NoMatchingSignature,
            StripeWebhookVerifier.Verify(json, PaymentWebhookSignature.Sign(json, "whsec_placeholder_wrong", Now), Secrets, Now, tolerance));
        Assert.Equal(PaymentWebhookVerificationResult.StaleTimestamp,
            StripeWebhookVerifier.Verify(json, PaymentWebhookSignature.Sign(json, NewSecret, Now.AddSeconds(-301)), Secrets, Now, tolerance));
        Assert.Equal(PaymentWebhookVerificationResult.FutureTimestamp,
            StripeWebhookVerifier.Verify(json, PaymentWebhookSignature.Sign(json, NewSecret, Now.AddSeconds(301)), Secrets, Now, tolerance));
        Assert.Equal(PaymentWebhookVerificationResult.NoMatchingSignature,
            StripeWebhookVerifier.Verify(json.Replace("4999", "1"), PaymentWebhookSignature.Sign(json, NewSecret, Now), Secrets, Now, tolerance));
        Assert.Equal(PaymentWebhookVerificationResult.MissingHeader, StripeWebhookVerifier.Verify(json, null, Secrets, Now, tolerance));
        Assert.Equal(PaymentWebhookVerificationResult.Malformed, StripeWebhookVerifier.Verify(json, "v1=abc", Secrets, Now, tolerance));
    }

    [Fact]
    public async Task Payment_intent_events_map_to_our_kinds_with_the_order_from_metadata()
    {
        var succeeded = await StripeWebhookEventMapper.MapAsync(Event("payment_intent.succeeded", Intent("succeeded")), NoLookup, default);
        var failed = await StripeWebhookEventMapper.MapAsync(
            Event("payment_intent.payment_failed", Intent("requires_payment_method", ""","last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds"}""")),
            NoLookup, default);

        Assert.Equal(new PaymentEvent("evt_1", PaymentEventKind.Succeeded, "pi_1", "ord_1", new Money(49.99m, "USD"), Now), succeeded.Event);
        Assert.Equal(PaymentEventKind.Failed, failed.Event!.Kind);
        Assert.Equal("insufficient_funds", failed.Event.DeclineCode);
    }

    [Fact]
    public async Task A_refund_takes_the_amount_that_grew_and_the_order_from_the_payment_intent()
    {
        var charge = """{"id":"ch_1","object":"charge","amount":4999,"amount_refunded":3000,"currency":"usd","payment_intent":"pi_1","metadata":{},"refunded":false}""";
        var json = Event("charge.refunded", charge, ""","previous_attributes":{"amount_refunded":1000}""");

        var mapped = await StripeWebhookEventMapper.MapAsync(json, (pi, _) => Task.FromResult<string?>(pi == "pi_1" ? "ord_1" : null), default);

        Assert.Equal(new PaymentEvent("evt_1", PaymentEventKind.Refunded, "pi_1", "ord_1", new Money(20m, "USD"), Now, RefundId: "ch_1:3000"), mapped.Event);
        // Stored in our own shape, it reads back the same.
        Assert.Equal(mapped.Event, PaymentWebhookParser.Parse(PaymentWebhookEventBuilder.Build(mapped.Event!)).Event);
    }

    [Fact]
    public async Task A_dispute_maps_to_Disputed_with_its_reason()
    {
        var dispute = """{"id":"dp_1","object":"dispute","amount":4999,"currency":"usd","charge":"ch_1","payment_intent":"pi_1","reason":"fraudulent","status":"needs_response","metadata":{}}""";

        var mapped = await StripeWebhookEventMapper.MapAsync(Event("charge.dispute.created", dispute), (_, _) => Task.FromResult<string?>("ord_1"), default);

        Assert.Equal(new PaymentEvent("evt_1", PaymentEventKind.Disputed, "pi_1", "ord_1", new Money(49.99m, "USD"), Now, DeclineCode: "fraudulent"), mapped.Event);
        Assert.Equal(mapped.Event, PaymentWebhookParser.Parse(PaymentWebhookEventBuilder.Build(mapped.Event!)).Event);
    }

    [Fact]
    public async Task Unknown_types_have_no_event_and_a_payment_without_our_order_is_refused()
    {
        var unknown = await StripeWebhookEventMapper.MapAsync(Event("customer.created", """{"id":"cus_1","object":"customer"}"""), NoLookup, default);
        Assert.False(unknown.IsKnownType);

        var foreign = Event("charge.dispute.created", """{"id":"dp_2","object":"dispute","amount":100,"currency":"usd","payment_intent":"pi_9","reason":"general","metadata":{}}""");
        await Assert.ThrowsAsync<PaymentWebhookFormatException>(() => StripeWebhookEventMapper.MapAsync(foreign, (_, _) => Task.FromResult<string?>(null), default));
    }
}
