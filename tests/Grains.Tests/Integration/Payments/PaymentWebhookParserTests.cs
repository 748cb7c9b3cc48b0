using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

public sealed class PaymentWebhookParserTests
{
    private static readonly DateTimeOffset OccurredAt = new(2026, 3, 2, 9, 30, 15, TimeSpan.Zero);

    public static TheoryData<PaymentEvent> EveryKind() =>
    [
        new PaymentEvent("evt_1", PaymentEventKind.Succeeded, "pi_1", "ord_1", new Money(49.99m, "USD"), OccurredAt),
        new PaymentEvent("evt_2", PaymentEventKind.Authorized, "pi_2", "ord_2", new Money(10m, "EUR"), OccurredAt),
        new PaymentEvent("evt_3", PaymentEventKind.Failed, "pi_3", "ord_3", new Money(5.05m, "USD"), OccurredAt, DeclineCode: "insufficient_funds"),
        new PaymentEvent("evt_4", PaymentEventKind.Failed, "pi_4", "ord_4", new Money(5.05m, "USD"), OccurredAt),
        new PaymentEvent("evt_5", PaymentEventKind.Canceled, "pi_5", "ord_5", new Money(1200m, "JPY"), OccurredAt),
        new PaymentEvent("evt_6", PaymentEventKind.Refunded, "pi_6", "ord_6", new Money(12.50m, "USD"), OccurredAt, RefundId: "re_6"),
    ];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Parse_of_build_round_trips(PaymentEvent paymentEvent)
    {
        var json = PaymentWebhookEventBuilder.Build(paymentEvent);

        var result = PaymentWebhookParser.Parse(json);

        Assert.True(result.IsKnownType);
        Assert.Equal(paymentEvent, result.Event);
        Assert.Equal(paymentEvent.EventId, result.EventId);
        Assert.Equal(PaymentWebhookEventTypes.For(paymentEvent.Kind), result.EventType);
    }

    [Fact]
    public void A_refund_carries_the_refunded_amount_and_the_payment_amount_separately()
    {
        var refund = new PaymentEvent("evt_r", PaymentEventKind.Refunded, "pi_r", "ord_r", new Money(10m, "USD"), OccurredAt, RefundId: "re_r");

        var json = PaymentWebhookEventBuilder.Build(refund, paymentAmount: new Money(50m, "USD"));

        Assert.Contains("\"amount\":5000", json, StringComparison.Ordinal);
        Assert.Equal(new Money(10m, "USD"), PaymentWebhookParser.Parse(json).Event!.Amount);
    }

    [Fact]
    public void Parses_the_documented_shape_with_lower_case_currency_and_decline_code()
    {
        const string json = """
            {"id":"evt_abc","object":"event","type":"payment_intent.payment_failed","created":1772443815,
             "data":{"object":{"id":"pi_abc","amount":4999,"currency":"usd","metadata":{"order_id":"ord_abc"},
               "last_payment_error":{"code":"card_declined","decline_code":"insufficient_funds"},"extra":[1,2]}}}
            """;

        var paymentEvent = PaymentWebhookParser.Parse(json).Event!;

        Assert.Equal(new Money(49.99m, "USD"), paymentEvent.Amount);
        Assert.Equal("insufficient_funds", paymentEvent.DeclineCode);
        Assert.Equal("ord_abc", paymentEvent.OrderId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772443815), paymentEvent.OccurredAt);
    }

    [Fact]
    public void An_unknown_type_is_a_result_without_an_event()
    {
        var result = PaymentWebhookParser.Parse("""{"id":"evt_x","type":"customer.created","data":{}}""");

        Assert.False(result.IsKnownType);
        Assert.Null(result.Event);
        Assert.Equal("evt_x", result.EventId);
        Assert.Equal("customer.created", result.EventType);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"type":"payment_intent.succeeded"}""")]
    [InlineData("""{"id":"evt_1"}""")]
    [InlineData("""{"id":"evt 1","type":"customer.created"}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","created":1,"data":{}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","amount":1,"currency":"usd","metadata":{"order_id":"ord_1"}}}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","created":1,"data":{"object":{"id":"pi_1","amount":1,"currency":"usd","metadata":{}}}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","created":1,"data":{"object":{"id":"pi_1","amount":-1,"currency":"usd","metadata":{"order_id":"ord_1"}}}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","created":1,"data":{"object":{"id":"pi_1","amount":1.5,"currency":"usd","metadata":{"order_id":"ord_1"}}}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","created":1,"data":{"object":{"id":"pi_1","amount":1,"currency":"dollars","metadata":{"order_id":"ord_1"}}}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","created":1,"data":{"object":{"id":"pi_1","amount":1,"currency":"usd","metadata":{"order_id":"<script>"}}}}""")]
    [InlineData("""{"id":"evt_1","type":"charge.refunded","created":1,"data":{"object":{"id":"pi_1","amount":1,"currency":"usd","metadata":{"order_id":"ord_1"}}}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","created":99999999999999,"data":{"object":{"id":"pi_1","amount":1,"currency":"usd","metadata":{"order_id":"ord_1"}}}}""")]
    public void Malformed_bodies_raise_a_format_exception(string json)
        => Assert.Throws<PaymentWebhookFormatException>(() => PaymentWebhookParser.Parse(json));

    [Fact]
    public void Deeply_nested_json_is_rejected()
    {
        var json = """{"id":"evt_1","type":"x","junk":""" + new string('[', 64) + new string(']', 64) + "}";

        Assert.Throws<PaymentWebhookFormatException>(() => PaymentWebhookParser.Parse(json));
    }
}
