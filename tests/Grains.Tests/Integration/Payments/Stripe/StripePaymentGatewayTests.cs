using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Tests.Integration.Payments.Stripe;

public sealed class StripePaymentGatewayTests : IDisposable
{
    private const string Intents = "/v1/payment_intents";
    private readonly FakeStripeApi _stripe = FakeStripeApi.Start();

    private static PaymentRequest Request(string key = "ord_1:pay:1")
        => new("ord_1", new Money(49.99m, "USD"), "pm_card_visa", key, "ann@example.com");

    [Fact]
    public async Task Creates_a_confirmed_intent_from_the_token_with_metadata_and_a_derived_idempotency_key()
    {
        _stripe.Answer(Intents, 200, FakeStripeApi.Intent("pi_1", "succeeded"));
        using var gateway = _stripe.Gateway();

        var attempt = await gateway.CreatePaymentAsync(Request(), default);

        Assert.Equal(new PaymentAttempt("pi_1", PaymentAttemptStatus.Succeeded), attempt);
        var sent = Assert.Single(_stripe.Requests(Intents));
        var form = FakeStripeApi.Form(sent);
        Assert.Equal("4999", form["amount"]);
        Assert.Equal("usd", form["currency"]);
        Assert.Equal("pm_card_visa", form["payment_method"]);
        Assert.Equal("true", form["confirm"]);
        Assert.Equal("automatic", form["capture_method"]);
        Assert.Equal("ord_1", form["metadata[order_id]"]);
        Assert.Equal("pe:ord_1:pay:1", FakeStripeApi.Header(sent, "Idempotency-Key"));
        Assert.Equal("Bearer " + FakeStripeApi.TestKey, FakeStripeApi.Header(sent, "Authorization"));
    }

    [Fact]
    public async Task Manual_capture_authorises_then_captures_and_voids()
    {
        _stripe.Answer(Intents, 200, FakeStripeApi.Intent("pi_2", "requires_capture"));
        _stripe.Answer($"{Intents}/pi_2/capture", 200, FakeStripeApi.Intent("pi_2", "succeeded"));
        _stripe.Answer($"{Intents}/pi_3/cancel", 200, FakeStripeApi.Intent("pi_3", "canceled"));
        using var gateway = _stripe.Gateway(manualCapture: true);

        var authorised = await gateway.CreatePaymentAsync(Request(), default);
        var captured = await gateway.CaptureAsync("pi_2", default);
        await gateway.VoidAsync("pi_3", default);

        Assert.Equal(PaymentAttemptStatus.Authorized, authorised.Status);
        Assert.Equal("manual", FakeStripeApi.Form(Assert.Single(_stripe.Requests(Intents)))["capture_method"]);
        Assert.Equal(PaymentAttemptStatus.Succeeded, captured.Status);
        Assert.Equal("pe:capture:pi_2", FakeStripeApi.Header(Assert.Single(_stripe.Requests($"{Intents}/pi_2/capture")), "Idempotency-Key"));
        Assert.Equal("pe:void:pi_3", FakeStripeApi.Header(Assert.Single(_stripe.Requests($"{Intents}/pi_3/cancel")), "Idempotency-Key"));
    }

    [Theory]
    [InlineData("card_declined", "insufficient_funds", "insufficient_funds")]
    [InlineData("card_declined", "generic_decline", "card_declined")]
    [InlineData("expired_card", null, "expired_card")]
    [InlineData("incorrect_cvc", null, "incorrect_cvc")]
    [InlineData("processing_error", null, "processing_error")]
    [InlineData("card_declined", "stolen_card", "card_declined")]
    [InlineData("card_declined", "something_new", "declined")]
    public async Task A_402_card_error_is_a_failed_attempt_with_our_decline_code(string code, string? declineCode, string expected)
    {
        _stripe.Answer(Intents, 402, FakeStripeApi.CardError(code, declineCode));
        using var gateway = _stripe.Gateway();

        var attempt = await gateway.CreatePaymentAsync(Request(), default);

        Assert.Equal(new PaymentAttempt("pi_declined", PaymentAttemptStatus.Failed, expected), attempt);
        Assert.Single(_stripe.Requests(Intents)); // a decline is an answer: never retried
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Rate_limits_and_server_errors_are_transient_after_a_bounded_number_of_tries(int status)
    {
        // Stripe says when a retry is safe; Stripe.net then retries with the same key, at most MaxNetworkRetries times.
        _stripe.Answer(Intents, status, """{"error":{"type":"api_error","message":"try later"}}""", ("Stripe-Should-Retry", "true"));
        using var gateway = _stripe.Gateway(maxNetworkRetries: 2);

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.CreatePaymentAsync(Request(), default));

        var tries = _stripe.Requests(Intents);
        Assert.Equal(3, tries.Count);
        Assert.All(tries, t => Assert.Equal("pe:ord_1:pay:1", FakeStripeApi.Header(t, "Idempotency-Key")));
    }

    [Fact]
    public async Task A_server_error_Stripe_marks_as_not_retryable_is_tried_once_and_still_transient()
    {
        _stripe.Answer(Intents, 500, """{"error":{"type":"api_error","message":"boom"}}""", ("Stripe-Should-Retry", "false"));
        using var gateway = _stripe.Gateway(maxNetworkRetries: 2);

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.CreatePaymentAsync(Request(), default));

        Assert.Single(_stripe.Requests(Intents));
    }

    [Fact]
    public async Task An_unreachable_api_is_transient()
    {
        using var gateway = _stripe.Gateway(maxNetworkRetries: 0);
        _stripe.Server.Stop();

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.CreatePaymentAsync(Request(), default));
    }

    [Fact]
    public async Task Requires_action_surfaces_the_redirect_url()
    {
        _stripe.Answer(Intents, 200, FakeStripeApi.Intent("pi_3ds", "requires_action",
            extra: ""","next_action":{"type":"redirect_to_url","redirect_to_url":{"url":"https://hooks.stripe.test/3ds/pi_3ds","return_url":"https://shop.test/orders/ord_1"}}"""));
        using var gateway = _stripe.Gateway(returnUrl: new Uri("https://shop.test/orders/ord_1"));

        var attempt = await gateway.CreatePaymentAsync(Request(), default);

        Assert.Equal(new PaymentAttempt("pi_3ds", PaymentAttemptStatus.RequiresAction, NextActionUrl: "https://hooks.stripe.test/3ds/pi_3ds"), attempt);
        Assert.Equal("https://shop.test/orders/ord_1", FakeStripeApi.Form(Assert.Single(_stripe.Requests(Intents)))["return_url"]);
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("")]
    public async Task A_card_number_or_no_token_never_reaches_Stripe(string token)
    {
        using var gateway = _stripe.Gateway();

        await Assert.ThrowsAsync<ValidationException>(() => gateway.CreatePaymentAsync(Request() with { CardToken = token }, default));

        Assert.Empty(_stripe.Server.LogEntries);
    }

    [Theory]
    [InlineData(49.99, "4999")]
    [InlineData(10.00, "1000")]
    public async Task Refunds_send_the_amount_in_minor_units_with_a_derived_key(decimal amount, string minor)
    {
        _stripe.Answer("/v1/refunds", 200, $$"""{"id":"re_1","object":"refund","amount":{{minor}},"currency":"usd","status":"succeeded","payment_intent":"pi_1"}""");
        using var gateway = _stripe.Gateway();

        var refund = await gateway.RefundAsync("pi_1", new Money(amount, "USD"), "ord_1:refund:1", default);

        Assert.Equal(new RefundResult("re_1", new Money(amount, "USD"), true), refund);
        var sent = Assert.Single(_stripe.Requests("/v1/refunds"));
        Assert.Equal(minor, FakeStripeApi.Form(sent)["amount"]);
        Assert.Equal("pi_1", FakeStripeApi.Form(sent)["payment_intent"]);
        Assert.Equal("pe:refund:ord_1:refund:1", FakeStripeApi.Header(sent, "Idempotency-Key"));
    }

    [Fact]
    public async Task A_refused_refund_is_reported_not_thrown()
    {
        _stripe.Answer("/v1/refunds", 400, """{"error":{"type":"invalid_request_error","code":"charge_already_refunded","message":"already refunded"}}""");
        using var gateway = _stripe.Gateway();

        var refund = await gateway.RefundAsync("pi_1", new Money(5m, "USD"), "k1", default);

        Assert.False(refund.Succeeded);
        Assert.Equal("charge_already_refunded", refund.FailureCode);
    }

    [Fact]
    public async Task A_transient_refund_failure_throws_the_transient_type()
    {
        _stripe.Answer("/v1/refunds", 429, """{"error":{"type":"invalid_request_error","code":"rate_limit","message":"slow down"}}""");
        using var gateway = _stripe.Gateway(maxNetworkRetries: 0);

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => gateway.RefundAsync("pi_1", new Money(5m, "USD"), "k1", default));
    }

    public void Dispose() => _stripe.Dispose();
}
