using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>An order emails a fresh link only to its own address, once per request, and says nothing either way.</summary>
public sealed class OrderAccessLinkTests
{
    private const string Link = "https://shop.example/order.html?id=x&token=1.abc";

    [Fact]
    public async Task The_orders_email_in_any_case_gets_one_email_per_request_with_the_given_link()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var (order, orderId, _) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "link-guest");

        await order.SendAccessLink(new OrderAccessLinkRequest(" LINK-GUEST@Example.test ", Link));
        await order.SendAccessLink(new OrderAccessLinkRequest("link-guest@example.test", Link + "2"));

        var emails = await Eventually.WaitAsync(
            () => Task.FromResult(LinkEmails(cluster, orderId)), m => m.Count == 2, "two link emails");
        Assert.All(emails, m => Assert.Equal("link-guest@example.test", m.To));
        Assert.Contains(emails, m => m.TextBody.Contains(Link + "\n", StringComparison.Ordinal));
        Assert.Contains(emails, m => m.TextBody.Contains(Link + "2", StringComparison.Ordinal));
        var view = await order.Get();
        Assert.Equal(2, view.Timeline.Count(t => t.Event == "order.link_sent"));
        Assert.DoesNotContain(view.Timeline, t => t.Detail.Contains("token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_email_or_an_order_that_does_not_exist_sends_nothing_and_changes_nothing()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var (order, orderId, _) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "link-owner");
        var before = await order.Get();

        await order.SendAccessLink(new OrderAccessLinkRequest("someone-else@example.test", Link));
        await cluster.Client.GetGrain<IOrderGrain>("ord_00000000000000000000").SendAccessLink(new OrderAccessLinkRequest("link-owner@example.test", Link));

        Assert.Equal(before.Version, (await order.Get()).Version);
        Assert.Empty(LinkEmails(cluster, orderId));
        Assert.Empty(LinkEmails(cluster, "ord_00000000000000000000"));
        await Assert.ThrowsAsync<NotFoundException>(() => cluster.Client.GetGrain<IOrderGrain>("ord_00000000000000000000").Get());
    }

    private static List<EmailMessage> LinkEmails(CommerceTestCluster cluster, string orderId)
        => cluster.Service<SandboxEmailSender>().Messages.Where(m => m.Subject == $"Your link to order {orderId}").ToList();
}
