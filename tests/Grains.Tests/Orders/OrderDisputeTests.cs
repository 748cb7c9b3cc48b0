using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>A chargeback puts the order on hold, shows on its timeline and raises one admin alert.</summary>
public sealed class OrderDisputeTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_dispute_holds_the_order_and_raises_one_alert_even_when_redelivered()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var (order, orderId, total) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "dispute");
        await order.ApplyPaymentEvent(new PaymentEvent("evt_pay", PaymentEventKind.Succeeded, "pi_pay", orderId, total, DateTimeOffset.UtcNow));
        var dispute = new PaymentEvent("evt_dispute", PaymentEventKind.Disputed, "pi_pay", orderId, total, DateTimeOffset.UtcNow, DeclineCode: "fraudulent");

        await order.ApplyPaymentEvent(dispute);
        var view = await order.ApplyPaymentEvent(dispute);

        Assert.Equal(FulfilmentStatus.OnHold, view.Fulfilment);
        Assert.Equal(PaymentStatus.Paid, view.Payment);
        Assert.Single(view.Timeline, t => t.Event == "payment.disputed");
        var alert = Assert.Single(cluster.Service<MemoryAdminAlerts>().Alerts, a => a.Kind == AdminAlertKinds.PaymentDisputed);
        Assert.Equal($"order:{orderId}:alert:dispute:evt_dispute", alert.Key);
        Assert.Contains("fraudulent", alert.Message);
        _ = database;
    }
}
