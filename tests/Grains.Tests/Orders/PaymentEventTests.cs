using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using Orleans;
using PacificEdge.Simulators.Payments;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>Payment webhooks arrive late, twice, out of order: the order moves once and earns once.</summary>
public abstract class PaymentEventTests(StorageKind storage)
{
    [Fact]
    public async Task A_success_delivered_five_times_and_out_of_order_with_a_failure_makes_one_transition_and_one_earn()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var (order, orderId, total) = await PlaceOrderAsync(cluster.Client, "payer-1");
        var at = DateTimeOffset.UtcNow;
        var succeeded = new PaymentEvent("evt_ok", PaymentEventKind.Succeeded, "pi_2", orderId, total, at);
        var staleFailure = new PaymentEvent("evt_fail", PaymentEventKind.Failed, "pi_1", orderId, total, at.AddSeconds(-5), "card_declined");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => order.ApplyPaymentEvent(succeeded)));
        await order.ApplyPaymentEvent(staleFailure);
        await order.ApplyPaymentEvent(succeeded);

        var view = await order.Get();
        Assert.Equal(PaymentStatus.Paid, view.Payment);
        Assert.Single(view.Timeline, t => t.Event == "payment.paid");
        var wallet = await Eventually.WaitAsync(
            () => cluster.Client.GetGrain<ICustomerWalletGrain>("payer-1").Get(), w => w.Ledger.Any(e => e.Kind == LedgerEntryKind.Earn), "points earned");
        var earn = Assert.Single(wallet.Ledger, e => e.Kind == LedgerEntryKind.Earn);
        Assert.Equal((int)Math.Floor(total.Amount), earn.Points);
    }

    [Theory]
    [InlineData("0.01", "USD")]
    [InlineData("same", "EUR")]
    [InlineData("double", "USD")]
    public async Task A_payment_whose_amount_or_currency_differs_from_the_order_never_makes_it_paid(string amount, string currency)
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var (order, orderId, total) = await PlaceOrderAsync(cluster.Client, $"mispayer-{amount}-{currency}");
        var paid = amount switch
        {
            "same" => total.Amount,
            "double" => total.Amount * 2,
            _ => decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
        };

        var view = await order.ApplyPaymentEvent(new PaymentEvent("evt_mis", PaymentEventKind.Succeeded, "pi_mis", orderId, new Money(paid, currency), DateTimeOffset.UtcNow));

        Assert.Equal(PaymentStatus.Pending, view.Payment);
        Assert.Single(view.Timeline, t => t.Event == "payment.amount_mismatch");
        Assert.DoesNotContain(view.Timeline, t => t.Event == "payment.paid");
        var wallet = await cluster.Client.GetGrain<ICustomerWalletGrain>($"mispayer-{amount}-{currency}").Get();
        Assert.DoesNotContain(wallet.Ledger, e => e.Kind == LedgerEntryKind.Earn);

        // The right payment still pays the order.
        var right = await order.ApplyPaymentEvent(new PaymentEvent("evt_right", PaymentEventKind.Succeeded, "pi_right", orderId, total, DateTimeOffset.UtcNow));
        Assert.Equal(PaymentStatus.Paid, right.Payment);
    }

    [Fact]
    public async Task The_refund_of_a_second_charge_leaves_the_order_paid_and_its_points()
    {
        // Found by the chaos test: a shopper's resent payment charged twice; the second charge was given back, and its
        // refund event made the whole order Refunded.
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var (order, orderId, total) = await PlaceOrderAsync(cluster.Client, "charged-twice");
        await order.ApplyPaymentEvent(new PaymentEvent("evt_first", PaymentEventKind.Succeeded, "pi_first", orderId, total, DateTimeOffset.UtcNow));
        var late = await order.ApplyPaymentEvent(new PaymentEvent("evt_second", PaymentEventKind.Succeeded, "pi_second", orderId, total, DateTimeOffset.UtcNow));
        Assert.Single(late.Timeline, t => t.Event == "payment.late_refunded");

        var view = await order.ApplyPaymentEvent(new PaymentEvent(
            "evt_second_refund", PaymentEventKind.Refunded, "pi_second", orderId, total, DateTimeOffset.UtcNow, RefundId: "re_second"));

        Assert.Equal(PaymentStatus.Paid, view.Payment);
        Assert.Equal(Money.Zero(total.Currency), view.Refunded);
        Assert.Single(view.Timeline, t => t.Event == "payment.other_refunded");
        var wallet = await Eventually.WaitAsync(
            () => cluster.Client.GetGrain<ICustomerWalletGrain>("charged-twice").Get(), w => w.Ledger.Any(e => e.Kind == LedgerEntryKind.Earn), "points earned");
        Assert.DoesNotContain(wallet.Ledger, e => e.Kind == LedgerEntryKind.Clawback);
        Assert.Equal(wallet.Balance, wallet.Ledger.Sum(e => e.Points));
    }

    [Fact]
    public async Task A_refund_event_above_what_is_refundable_is_capped_and_the_excess_recorded()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var (order, orderId, total) = await PlaceOrderAsync(cluster.Client, "over-refunded");
        await order.ApplyPaymentEvent(new PaymentEvent("evt_pay", PaymentEventKind.Succeeded, "pi_pay", orderId, total, DateTimeOffset.UtcNow));

        var view = await order.ApplyPaymentEvent(new PaymentEvent(
            "evt_refund", PaymentEventKind.Refunded, "pi_pay", orderId, new Money(1_000_000m, total.Currency), DateTimeOffset.UtcNow, RefundId: "re_huge"));
        var again = await order.ApplyPaymentEvent(new PaymentEvent(
            "evt_refund_2", PaymentEventKind.Refunded, "pi_pay", orderId, new Money(5m, total.Currency), DateTimeOffset.UtcNow, RefundId: "re_more"));

        Assert.Equal(total, view.Refunded);
        Assert.Equal(PaymentStatus.Refunded, view.Payment);
        Assert.Single(view.Timeline, t => t.Event == "payment.refund_excess");
        Assert.Equal(total, again.Refunded);
        Assert.Single(again.Timeline, t => t.Event == "payment.refund_rejected");
    }

    [Fact]
    public async Task A_sandbox_card_payment_arrives_by_signed_webhook_and_the_order_is_paid()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var (order, _, _) = await PlaceOrderAsync(cluster.Client, "payer-2");

        var started = await order.Pay("tok_visa");
        Assert.Equal(PaymentStatus.Pending, started.Payment);

        var paid = await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Paid && o.PointsEarned > 0, "the webhook to mark the order paid");
        Assert.Contains(paid.Timeline, t => t.Event == "payment.paid");
        Assert.NotNull(paid.ShipmentId);
    }

    [Fact]
    public async Task A_declined_card_fails_the_payment_and_a_retry_with_another_card_pays()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var (order, _, _) = await PlaceOrderAsync(cluster.Client, "payer-3");

        await order.Pay("tok_chargeDeclined");
        var failed = await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Failed, "the decline");
        Assert.Equal("card_declined", failed.LastDeclineCode);

        await order.Pay("tok_visa");
        var paid = await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Paid, "the retry to pay");
        Assert.Equal(2, paid.Timeline.Count(t => t.Event == "payment.started"));
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_sandbox_deliveries_still_make_one_transition()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync(), b => b
            .WithConfiguration("Commerce:Payments:Sandbox:DuplicateDeliveries", "4")
            .WithConfiguration("Commerce:Payments:Sandbox:OutOfOrder", "true"));
        var (order, _, _) = await PlaceOrderAsync(cluster.Client, "payer-4");

        await order.Pay("tok_chargeDeclined");
        await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Failed, "the decline");
        await order.Pay("tok_visa");
        await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Paid, "the payment");
        await cluster.Service<ISandboxWebhookDeliveries>().WhenIdleAsync();

        var view = await order.Get();
        Assert.Equal(PaymentStatus.Paid, view.Payment);
        Assert.Single(view.Timeline, t => t.Event == "payment.paid");
        var wallet = await cluster.Client.GetGrain<ICustomerWalletGrain>("payer-4").Get();
        Assert.Single(wallet.Ledger, e => e.Kind == LedgerEntryKind.Earn);
    }

    [Fact]
    public async Task A_card_number_instead_of_a_token_is_refused_and_nothing_changes()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var (order, _, _) = await PlaceOrderAsync(cluster.Client, "payer-5");

        var error = await Assert.ThrowsAsync<ValidationException>(() => order.Pay("4242 4242 4242 4242"));

        Assert.DoesNotContain("4242 4242", error.Message);
        Assert.Equal(PaymentStatus.Pending, (await order.Get()).Payment);
    }

    internal static async Task<(IOrderGrain Order, string OrderId, Money Total)> PlaceOrderAsync(IGrainFactory grains, string customer)
    {
        var cart = await grains.CartWithAsync($"cart-{customer}", ("PE-KPV-10MG", 2));
        var result = await cart.Checkout(CommerceCluster.Checkout($"key-{customer}", customer));
        return (grains.GetGrain<IOrderGrain>(result.OrderId), result.OrderId, result.Total);
    }
}

public sealed class MemoryPaymentEventTests() : PaymentEventTests(StorageKind.Memory);

public sealed class PostgresPaymentEventTests(PostgresDatabaseFixture database) : PaymentEventTests(StorageKind.Postgres(database)), IClassFixture<PostgresDatabaseFixture>;
