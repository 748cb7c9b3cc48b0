using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Simulators.Payments;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Integration.Payments;

/// <summary>The durable payment sandbox on a real PostgreSQL database: nothing accepted is forgotten by a process's death.</summary>
public sealed class PostgresSandboxPaymentGatewayTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_payment_accepted_just_before_its_process_dies_is_announced_by_the_next_one()
    {
        var db = await NewDatabaseAsync();
        string paymentId;
        await using (var dying = new DurableSandboxInstance(db))
        {
            // Accepted (202 to the caller), then the process is gone before its delivery loop ever ran.
            paymentId = (await dying.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default)).PaymentId;
            Assert.Empty(dying.Transport.Delivered);
        }

        await using var next = await new DurableSandboxInstance(db).StartAsync();
        await next.Dispatcher.WhenIdleAsync();

        var delivered = Assert.Single(next.VerifiedEvents()).Event!;
        Assert.Equal(PaymentEventKind.Succeeded, delivered.Kind);
        Assert.Equal(paymentId, delivered.PaymentId);
        Assert.Equal(new Money(50m, "USD"), delivered.Amount);
        Assert.Equal(PaymentAttemptStatus.Succeeded, (await next.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default)).Status);
    }

    [Fact]
    public async Task A_webhook_claimed_by_a_process_that_died_mid_send_is_sent_after_its_lease()
    {
        var db = await NewDatabaseAsync();
        await using (var dying = new DurableSandboxInstance(db))
        {
            await dying.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.ChargeDeclined), default);
            var now = DateTimeOffset.UtcNow;
            await dying.Gateway.DecideDueAsync(now, 10, default);
            Assert.Single(await dying.Outbox.ClaimDueAsync(now, now.AddMilliseconds(300), 10, default));
        }

        await using var next = await new DurableSandboxInstance(db).StartAsync();
        await next.Dispatcher.WhenIdleAsync();

        var delivered = Assert.Single(next.VerifiedEvents()).Event!;
        Assert.Equal(PaymentEventKind.Failed, delivered.Kind);
        Assert.Equal("card_declined", delivered.DeclineCode);
        Assert.Equal(("Delivered", 2, (string?)null), await next.WebhookRowAsync(delivered.EventId));
    }

    [Fact]
    public async Task A_process_stopped_mid_send_gives_its_claim_back_for_the_next_one()
    {
        var db = await NewDatabaseAsync();
        var hanging = new HangingWebhookTransport();
        await using (var stopping = await new DurableSandboxInstance(db, transport: hanging).StartAsync())
        {
            await stopping.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
            await hanging.Entered;
        }

        // The default one-minute lease would outlast this wait: only the released claim can be sent in time.
        await using var next = await new DurableSandboxInstance(db).StartAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await next.Dispatcher.WhenIdleAsync(deadline.Token);

        var delivered = Assert.Single(next.VerifiedEvents()).Event!;
        Assert.Equal(PaymentEventKind.Succeeded, delivered.Kind);
        Assert.Equal(("Delivered", 1, (string?)null), await next.WebhookRowAsync(delivered.EventId));
    }

    [Fact]
    public async Task The_idempotency_key_holds_across_instances()
    {
        var db = await NewDatabaseAsync();
        await using var first = new DurableSandboxInstance(db);
        await using var second = await new DurableSandboxInstance(db).StartAsync();
        var request = SandboxGatewayHarness.Request(SandboxCardTokens.Visa);

        var created = await first.Gateway.CreatePaymentAsync(request, default);
        var repeated = await second.Gateway.CreatePaymentAsync(request, default);
        await second.Dispatcher.WhenIdleAsync();
        var afterOutcome = await first.Gateway.CreatePaymentAsync(request, default);

        Assert.Equal(created.PaymentId, repeated.PaymentId);
        Assert.Equal(created.PaymentId, afterOutcome.PaymentId);
        Assert.Equal(PaymentAttemptStatus.Succeeded, afterOutcome.Status);
        Assert.Equal(1, await second.Gateway.CountPaymentsAsync());
        Assert.Single(second.Transport.Delivered);
        await Assert.ThrowsAsync<ConflictException>(
            () => second.Gateway.CreatePaymentAsync(request with { Amount = new Money(51m, "USD") }, default));
        await Assert.ThrowsAsync<ConflictException>(
            () => first.Gateway.CreatePaymentAsync(request with { OrderId = "ord_2" }, default));

        var refund = await first.Gateway.RefundAsync(created.PaymentId, new Money(10m, "USD"), "refund-1", default);
        Assert.Equal(refund, await second.Gateway.RefundAsync(created.PaymentId, new Money(10m, "USD"), "refund-1", default));
        await Assert.ThrowsAsync<ConflictException>(() => second.Gateway.RefundAsync(created.PaymentId, new Money(11m, "USD"), "refund-1", default));
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_make_one_payment()
    {
        var db = await NewDatabaseAsync();
        await using var first = new DurableSandboxInstance(db);
        await using var second = new DurableSandboxInstance(db);
        var request = SandboxGatewayHarness.Request(SandboxCardTokens.Visa, key: "racing-key");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).Gateway.CreatePaymentAsync(request, default)));

        Assert.Single(attempts.Select(a => a.PaymentId).Distinct());
        Assert.Equal(1, await first.Gateway.CountPaymentsAsync());
    }

    [Fact]
    public async Task Two_delivery_loops_on_one_database_send_each_webhook_once()
    {
        var db = await NewDatabaseAsync();
        var transport = new RecordingWebhookTransport();
        await using var a = await new DurableSandboxInstance(db, transport: transport).StartAsync();
        await using var b = await new DurableSandboxInstance(db, transport: transport).StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).Gateway.CreatePaymentAsync(
            SandboxGatewayHarness.Request(SandboxCardTokens.Visa, key: $"key-{i}", orderId: $"ord_{i}"), default)));
        await a.Dispatcher.WhenIdleAsync();
        await b.Dispatcher.WhenIdleAsync();

        var eventIds = a.VerifiedEvents().Select(e => e.EventId).ToList();
        Assert.Equal(40, eventIds.Count);
        Assert.Equal(40, eventIds.Distinct().Count());
        Assert.Equal(40, a.Dispatcher.DeliveredCount + b.Dispatcher.DeliveredCount);
        Assert.Equal((await a.WebhookEventIdsAsync()).Order(), eventIds.Order());
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_with_backoff_until_it_answers()
    {
        var db = await NewDatabaseAsync();
        await using var sandbox = new DurableSandboxInstance(db, o => o.DeliveryMaxAttempts = 5);
        sandbox.Transport.FailNext(2);
        await sandbox.StartAsync();

        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Dispatcher.WhenIdleAsync();

        Assert.Equal(3, sandbox.Transport.Attempts);
        var delivered = Assert.Single(sandbox.VerifiedEvents());
        Assert.Equal(("Delivered", 3, (string?)null), await sandbox.WebhookRowAsync(delivered.EventId));
        Assert.Equal(1, sandbox.Dispatcher.DeliveredCount);
        Assert.Equal(0, sandbox.Dispatcher.AbandonedCount);
    }

    [Fact]
    public async Task A_webhook_is_abandoned_after_the_attempt_limit()
    {
        var db = await NewDatabaseAsync();
        await using var sandbox = new DurableSandboxInstance(db, o => o.DeliveryMaxAttempts = 3);
        sandbox.Transport.FailNext(int.MaxValue);
        await sandbox.StartAsync();

        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Dispatcher.WhenIdleAsync();

        Assert.Equal(3, sandbox.Transport.Attempts);
        Assert.Empty(sandbox.Transport.Delivered);
        Assert.Equal(1, sandbox.Dispatcher.AbandonedCount);
        var eventId = Assert.Single(await sandbox.WebhookEventIdsAsync());
        var row = await sandbox.WebhookRowAsync(eventId);
        Assert.Equal(("Abandoned", 3), (row.Status, row.Attempts));
        Assert.Contains("unavailable", row.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SandboxCardTokens.Visa, PaymentEventKind.Succeeded, null)]
    [InlineData(SandboxCardTokens.InsufficientFunds, PaymentEventKind.Failed, "insufficient_funds")]
    [InlineData("tok_madeUp", PaymentEventKind.Failed, "invalid_token")]
    public async Task Each_test_token_ends_in_its_signed_webhook(string token, PaymentEventKind kind, string? declineCode)
    {
        await using var sandbox = await new DurableSandboxInstance(await NewDatabaseAsync()).StartAsync();

        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(token), default);
        await sandbox.Dispatcher.WhenIdleAsync();

        Assert.Equal(PaymentAttemptStatus.Processing, attempt.Status);
        var delivered = Assert.Single(sandbox.VerifiedEvents()).Event!;
        Assert.Equal((kind, declineCode, attempt.PaymentId, "ord_1"), (delivered.Kind, delivered.DeclineCode, delivered.PaymentId, delivered.OrderId));
    }

    [Fact]
    public async Task Manual_capture_refunds_and_duplicates_behave_as_in_memory()
    {
        await using var sandbox = await new DurableSandboxInstance(await NewDatabaseAsync(), o =>
        {
            o.ManualCapture = true;
            o.DuplicateDeliveries = 1;
        }).StartAsync();

        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Dispatcher.WhenIdleAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => sandbox.Gateway.CaptureAsync("pi_missing", default));
        var captured = await sandbox.Gateway.CaptureAsync(attempt.PaymentId, default);
        Assert.Equal(PaymentAttemptStatus.Succeeded, (await sandbox.Gateway.CaptureAsync(attempt.PaymentId, default)).Status);
        var first = await sandbox.Gateway.RefundAsync(attempt.PaymentId, new Money(30m, "USD"), "refund-1", default);
        var tooMuch = await sandbox.Gateway.RefundAsync(attempt.PaymentId, new Money(25m, "USD"), "refund-2", default);
        await sandbox.Dispatcher.WhenIdleAsync();

        Assert.Equal(PaymentAttemptStatus.Succeeded, captured.Status);
        Assert.True(first.Succeeded);
        Assert.Equal("amount_too_large", tooMuch.FailureCode);
        await Assert.ThrowsAsync<ConflictException>(() => sandbox.Gateway.VoidAsync(attempt.PaymentId, default));
        await Assert.ThrowsAsync<NotFoundException>(() => sandbox.Gateway.RefundAsync("pi_missing", new Money(1m, "USD"), "refund-3", default));
        var events = sandbox.VerifiedEvents().Select(e => e.Event!).ToList();
        Assert.Equal(
            [PaymentEventKind.Authorized, PaymentEventKind.Authorized, PaymentEventKind.Succeeded, PaymentEventKind.Succeeded, PaymentEventKind.Refunded, PaymentEventKind.Refunded],
            events.Select(e => e.Kind));
        Assert.Equal(3, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(new Money(30m, "USD"), events.Last().Amount);
    }

    [Fact]
    public async Task Voiding_a_processing_payment_cancels_it_before_any_outcome()
    {
        await using var sandbox = await new DurableSandboxInstance(await NewDatabaseAsync(), o => o.DeliveryDelay = TimeSpan.FromHours(1)).StartAsync();

        var attempt = await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Gateway.VoidAsync(attempt.PaymentId, default);
        await sandbox.Gateway.VoidAsync(attempt.PaymentId, default);
        await sandbox.Dispatcher.WhenIdleAsync();

        Assert.Equal(PaymentEventKind.Canceled, Assert.Single(sandbox.VerifiedEvents()).Event!.Kind);
        Assert.Equal(PaymentAttemptStatus.Canceled, (await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default)).Status);
    }

    [Fact]
    public async Task Out_of_order_sends_a_stale_failure_after_the_success()
    {
        await using var sandbox = await new DurableSandboxInstance(await NewDatabaseAsync(), o => o.OutOfOrder = true).StartAsync();

        await sandbox.Gateway.CreatePaymentAsync(SandboxGatewayHarness.Request(SandboxCardTokens.Visa), default);
        await sandbox.Dispatcher.WhenIdleAsync();

        var events = sandbox.VerifiedEvents().Select(e => e.Event!).ToList();
        Assert.Equal([PaymentEventKind.Succeeded, PaymentEventKind.Failed], events.Select(e => e.Kind));
        Assert.True(events[1].OccurredAt < events[0].OccurredAt, "The failure must predate the success it arrives after.");
    }

    private async Task<string> NewDatabaseAsync()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await CommerceClusterBuilder.MigrateAsync(connectionString);
        return connectionString;
    }
}
