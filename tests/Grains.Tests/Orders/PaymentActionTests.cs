using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>
/// A payment that needs the shopper's confirmation (3-D Secure) leaves the order Pending with the gateway's action URL
/// on the view; the outcome webhook that follows clears it.
/// </summary>
public sealed class PaymentActionTests
{
    private const string ActionUrl = "https://hooks.stripe.test/3d_secure_2/authenticate/pi_3ds";

    [Fact]
    public async Task A_payment_requiring_action_stays_pending_with_the_url_until_a_success_clears_it()
    {
        await using var cluster = await CommerceCluster.StartAsync(
            configure: b => b.ConfigureServices(s => s.AddSingleton<IPaymentGateway>(new RequiresActionGateway())));
        var (order, orderId, total) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "three-d-secure");

        var pending = await order.Pay("tok_threeDSecureRequired");

        Assert.Equal(PaymentStatus.Pending, pending.Payment);
        Assert.Equal(ActionUrl, pending.PaymentActionUrl);
        Assert.Contains(pending.Timeline, t => t.Event == "payment.requires_action");
        Assert.Equal(ActionUrl, (await order.Get()).PaymentActionUrl);

        var paid = await order.ApplyPaymentEvent(new PaymentEvent("evt_3ds_ok", PaymentEventKind.Succeeded, "pi_3ds", orderId, total, DateTimeOffset.UtcNow));

        Assert.Equal(PaymentStatus.Paid, paid.Payment);
        Assert.Null(paid.PaymentActionUrl);
        Assert.Null((await order.Get()).PaymentActionUrl);
    }

    /// <summary>Answers every payment as Stripe does for a card that needs 3-D Secure.</summary>
    private sealed class RequiresActionGateway : IPaymentGateway
    {
        public Task<PaymentAttempt> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
            => Task.FromResult(new PaymentAttempt("pi_3ds", PaymentAttemptStatus.RequiresAction, NextActionUrl: ActionUrl));

        public Task<PaymentAttempt> CaptureAsync(string paymentId, CancellationToken cancellationToken)
            => Task.FromResult(new PaymentAttempt(paymentId, PaymentAttemptStatus.Succeeded));

        public Task<RefundResult> RefundAsync(string paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
            => throw new NotSupportedException("No refunds in this test.");

        public Task VoidAsync(string paymentId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
