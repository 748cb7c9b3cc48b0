using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

public sealed class SandboxPaymentGatewayTests
{
    [Theory]
    [InlineData(SandboxCardTokens.Visa, PaymentEventKind.Succeeded, null)]
    [InlineData(SandboxCardTokens.ChargeDeclined, PaymentEventKind.Failed, "card_declined")]
    [InlineData(SandboxCardTokens.InsufficientFunds, PaymentEventKind.Failed, "insufficient_funds")]
    [InlineData(SandboxCardTokens.ProcessingError, PaymentEventKind.Failed, "processing_error")]
    [InlineData("tok_madeUp", PaymentEventKind.Failed, "invalid_token")]
    public async Task Each_test_token_ends_in_its_signed_webhook(string token, PaymentEventKind kind, string? declineCode)
    {
        await using var sandbox = new SandboxGatewayHarness();

        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(token), default);
        await sandbox.Gateway.WhenIdleAsync();

        Assert.Equal(PaymentAttemptStatus.Processing, attempt.Status);
        Assert.StartsWith("pi_", attempt.PaymentId, StringComparison.Ordinal);
        var delivered = Assert.Single(sandbox.VerifiedEvents());
        var paymentEvent = delivered.Event!;
        Assert.Equal(kind, paymentEvent.Kind);
        Assert.Equal(declineCode, paymentEvent.DeclineCode);
        Assert.Equal(attempt.PaymentId, paymentEvent.PaymentId);
        Assert.Equal("ord_1", paymentEvent.OrderId);
        Assert.Equal(new Money(50m, "USD"), paymentEvent.Amount);

        var again = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(token), default);
        Assert.Equal(kind == PaymentEventKind.Succeeded ? PaymentAttemptStatus.Succeeded : PaymentAttemptStatus.Failed, again.Status);
        Assert.Equal(declineCode, again.DeclineCode);
    }

    [Fact]
    public async Task The_slow_token_succeeds_only_after_the_slow_delay()
    {
        var time = new ManualTimeProvider();
        await using var sandbox = new SandboxGatewayHarness(o => o.SlowDelay = TimeSpan.FromSeconds(3), time);

        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Slow), default);
        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(sandbox.Transport.Delivered);

        time.Advance(TimeSpan.FromSeconds(1));
        await sandbox.Gateway.WhenIdleAsync();
        Assert.Equal(PaymentEventKind.Succeeded, Assert.Single(sandbox.VerifiedEvents()).Event!.Kind);
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("4242-4242-4242-4242")]
    [InlineData("378282246310005")]
    [InlineData("tok_4242424242424242")]
    public async Task A_card_number_is_refused_and_never_charged(string cardNumber)
    {
        await using var sandbox = new SandboxGatewayHarness();

        var error = await Assert.ThrowsAsync<ValidationException>(
            () => sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(cardNumber), default));

        Assert.Contains("never a card number", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4242", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sandbox.Gateway.PaymentCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pm_card_visa")]
    public async Task Something_that_is_not_a_test_token_is_refused(string token)
    {
        await using var sandbox = new SandboxGatewayHarness();

        await Assert.ThrowsAsync<ValidationException>(() => sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(token), default));
    }

    [Fact]
    public async Task The_same_idempotency_key_never_charges_twice()
    {
        await using var sandbox = new SandboxGatewayHarness();
        var request = SandboxGatewayHarness.Request(SandboxCardTokens.Visa);

        var first = await sandbox.Gateway.CreatePaymentAsync(request, default);
        var second = await sandbox.Gateway.CreatePaymentAsync(request, default);
        await sandbox.Gateway.WhenIdleAsync();
        var third = await sandbox.Gateway.CreatePaymentAsync(request, default);

        Assert.Equal(first.PaymentId, second.PaymentId);
        Assert.Equal(first.PaymentId, third.PaymentId);
        Assert.Equal(1, sandbox.Gateway.PaymentCount);
        Assert.Single(sandbox.Transport.Delivered);
        await Assert.ThrowsAsync<ConflictException>(
            () => sandbox.Gateway.CreatePaymentAsync(request with { Amount = new Money(51m, "USD") }, default));
    }

    [Fact]
    public async Task Duplicate_deliveries_repeat_the_same_event()
    {
        await using var sandbox = new SandboxGatewayHarness(o => o.DuplicateDeliveries = 2);

        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.WhenIdleAsync();

        var events = sandbox.VerifiedEvents();
        Assert.Equal(3, events.Count);
        Assert.Single(events.Select(e => e.EventId).Distinct());
        Assert.Equal(3, sandbox.Gateway.DeliveredCount);
    }

    [Fact]
    public async Task Out_of_order_delivers_a_stale_failure_after_the_success()
    {
        await using var sandbox = new SandboxGatewayHarness(o => o.OutOfOrder = true);

        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.WhenIdleAsync();

        var events = sandbox.VerifiedEvents().Select(e => e.Event!).ToList();
        Assert.Equal([PaymentEventKind.Succeeded, PaymentEventKind.Failed], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(attempt.PaymentId, e.PaymentId));
        Assert.True(events[1].OccurredAt < events[0].OccurredAt, "The failure must predate the success it arrives after.");
        Assert.NotEqual(events[0].EventId, events[1].EventId);
    }

    [Fact]
    public async Task Manual_capture_authorises_first_and_succeeds_on_capture()
    {
        await using var sandbox = new SandboxGatewayHarness(o => o.ManualCapture = true);

        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.WhenIdleAsync();
        var captured = await sandbox.Gateway.CaptureAsync(attempt.PaymentId, default);
        var capturedAgain = await sandbox.Gateway.CaptureAsync(attempt.PaymentId, default);
        await sandbox.Gateway.WhenIdleAsync();

        Assert.Equal(PaymentAttemptStatus.Succeeded, captured.Status);
        Assert.Equal(PaymentAttemptStatus.Succeeded, capturedAgain.Status);
        Assert.Equal([PaymentEventKind.Authorized, PaymentEventKind.Succeeded], sandbox.VerifiedEvents().Select(e => e.Event!.Kind));
    }

    [Fact]
    public async Task Refunds_stay_within_what_was_captured_and_are_idempotent_per_key()
    {
        await using var sandbox = new SandboxGatewayHarness();
        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.WhenIdleAsync();
        var gateway = sandbox.Gateway;

        var first = await gateway.RefundAsync(attempt.PaymentId, new Money(30m, "USD"), "refund-1", default);
        var repeated = await gateway.RefundAsync(attempt.PaymentId, new Money(30m, "USD"), "refund-1", default);
        var tooMuch = await gateway.RefundAsync(attempt.PaymentId, new Money(25m, "USD"), "refund-2", default);
        var rest = await gateway.RefundAsync(attempt.PaymentId, new Money(20m, "USD"), "refund-3", default);
        var nothingLeft = await gateway.RefundAsync(attempt.PaymentId, new Money(0.01m, "USD"), "refund-4", default);
        await gateway.WhenIdleAsync();

        Assert.True(first.Succeeded);
        Assert.Equal(first, repeated);
        Assert.False(tooMuch.Succeeded);
        Assert.Equal("amount_too_large", tooMuch.FailureCode);
        Assert.True(rest.Succeeded);
        Assert.False(nothingLeft.Succeeded);
        await Assert.ThrowsAsync<ConflictException>(() => gateway.RefundAsync(attempt.PaymentId, new Money(1m, "USD"), "refund-1", default));
        await Assert.ThrowsAsync<ValidationException>(() => gateway.RefundAsync(attempt.PaymentId, new Money(1m, "EUR"), "refund-5", default));
        await Assert.ThrowsAsync<NotFoundException>(() => gateway.RefundAsync("pi_missing", new Money(1m, "USD"), "refund-6", default));

        // Webhooks are delivered independently, so their order is not promised (consumers cope with any order).
        var refunds = sandbox.VerifiedEvents().Select(e => e.Event!).Where(e => e.Kind == PaymentEventKind.Refunded).ToList();
        Assert.Equal(2, refunds.Count);
        Assert.Equal(new Money(30m, "USD"), refunds.Single(r => r.RefundId == first.RefundId).Amount);
        Assert.Equal(new Money(20m, "USD"), refunds.Single(r => r.RefundId == rest.RefundId).Amount);
    }

    [Fact]
    public async Task A_declined_payment_cannot_be_refunded()
    {
        await using var sandbox = new SandboxGatewayHarness();
        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.ChargeDeclined), default);
        await sandbox.Gateway.WhenIdleAsync();

        var refund = await sandbox.Gateway.RefundAsync(attempt.PaymentId, new Money(1m, "USD"), "refund-1", default);

        Assert.False(refund.Succeeded);
        Assert.Equal("payment_not_succeeded", refund.FailureCode);
    }

    [Fact]
    public async Task Voiding_a_processing_payment_cancels_it_before_any_outcome()
    {
        var time = new ManualTimeProvider();
        await using var sandbox = new SandboxGatewayHarness(o => o.DeliveryDelay = TimeSpan.FromSeconds(1), time);

        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.VoidAsync(attempt.PaymentId, default);
        await sandbox.Gateway.VoidAsync(attempt.PaymentId, default);
        await time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await sandbox.Gateway.WhenIdleAsync();

        Assert.Equal(PaymentEventKind.Canceled, Assert.Single(sandbox.VerifiedEvents()).Event!.Kind);
    }

    [Fact]
    public async Task A_succeeded_payment_cannot_be_voided()
    {
        await using var sandbox = new SandboxGatewayHarness();
        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.WhenIdleAsync();

        await Assert.ThrowsAsync<ConflictException>(() => sandbox.Gateway.VoidAsync(attempt.PaymentId, default));
    }

    [Fact]
    public async Task A_failing_transport_is_retried_and_every_attempt_is_signed()
    {
        await using var sandbox = new SandboxGatewayHarness(o => o.DeliveryMaxAttempts = 4);
        sandbox.Transport.FailNext(2);

        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.WhenIdleAsync();

        Assert.Equal(3, sandbox.Transport.Attempts);
        Assert.Equal(PaymentEventKind.Succeeded, Assert.Single(sandbox.VerifiedEvents()).Event!.Kind);
        Assert.Equal(1, sandbox.Gateway.DeliveredCount);
        Assert.Equal(0, sandbox.Gateway.AbandonedCount);
    }

    [Fact]
    public async Task Delivery_gives_up_after_the_attempt_limit()
    {
        await using var sandbox = new SandboxGatewayHarness(o => o.DeliveryMaxAttempts = 3);
        sandbox.Transport.FailNext(int.MaxValue);

        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.WhenIdleAsync();

        Assert.Equal(3, sandbox.Transport.Attempts);
        Assert.Empty(sandbox.Transport.Delivered);
        Assert.Equal(1, sandbox.Gateway.AbandonedCount);
    }

    [Fact]
    public async Task Dispose_drains_pending_deliveries()
    {
        var sandbox = new SandboxGatewayHarness();
        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);

        await sandbox.DisposeAsync();

        Assert.Single(sandbox.Transport.Delivered);
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa, key: "other"), default));
    }
}
