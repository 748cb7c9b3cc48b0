using PacificEdge.Testing;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Tests.Support;

namespace PacificEdge.Grains.Tests.Carts;

public sealed class CartTests
{
    [Fact]
    public async Task Lines_take_a_price_snapshot_and_totals_add_up()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = cluster.Client.GetGrain<ICartGrain>("c1");

        await cart.AddLine("PE-BPC157-5MG", 2);
        await cart.AddLine("PE-BACWATER-30ML", 1);
        var view = await cart.AddLine("PE-BPC157-5MG", 1);

        Assert.Equal(2, view.Lines.Count);
        Assert.Equal(3, view.Lines.Single(l => l.Sku == "PE-BPC157-5MG").Quantity);
        Assert.Equal(new Money(39.95m, "USD"), view.Lines.Single(l => l.Sku == "PE-BPC157-5MG").UnitPrice);
        Assert.Equal(new Money(129.80m, "USD"), view.Subtotal);
        Assert.Equal(4, view.ItemCount);
        Assert.Equal("L2411-07", view.Lines.Single(l => l.Sku == "PE-BPC157-5MG").Lot);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    public async Task Quantities_outside_1_to_99_are_rejected(int quantity)
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = cluster.Client.GetGrain<ICartGrain>("bounds");

        var error = await Assert.ThrowsAsync<ValidationException>(() => cart.AddLine("PE-BPC157-5MG", quantity));

        Assert.Contains("between 1 and 99", error.Message);
        Assert.Empty((await cart.Get()).Lines);
    }

    [Fact]
    public async Task Adding_beyond_99_in_total_or_an_unknown_sku_is_rejected()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = cluster.Client.GetGrain<ICartGrain>("limits");
        await cart.AddLine("PE-BPC157-5MG", 90);

        await Assert.ThrowsAsync<ValidationException>(() => cart.AddLine("PE-BPC157-5MG", 10));
        var unknown = await Assert.ThrowsAsync<UnknownSkuException>(() => cart.AddLine("NOPE-1", 1));

        Assert.Contains("NOPE-1", unknown.Message);
        Assert.Equal(90, (await cart.Get()).Lines.Single().Quantity);
    }

    [Fact]
    public async Task Change_and_remove_lines_and_an_empty_cart_cannot_check_out()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = await cluster.Client.CartWithAsync("edit", ("PE-BPC157-5MG", 1));

        await cart.ChangeQuantity("PE-BPC157-5MG", 5);
        Assert.Equal(5, (await cart.Get()).ItemCount);
        await cart.RemoveLine("PE-BPC157-5MG");

        await Assert.ThrowsAsync<NotFoundException>(() => cart.RemoveLine("PE-BPC157-5MG"));
        await Assert.ThrowsAsync<ConflictException>(() => cart.Checkout(CommerceCluster.Checkout("k")));
    }

    [Fact]
    public async Task An_abandoned_cart_gets_one_email_after_the_delay_and_an_untouched_cart_expires()
    {
        await using var cluster = await CommerceCluster.StartAsync(configure: b => b
            .WithConfiguration("Commerce:AbandonedCartAfter", TimeSpan.FromMilliseconds(300))
            // Far enough apart that a busy machine cannot run the expiry before the abandoned-cart reminder.
            .WithConfiguration("Commerce:CartExpiresAfter", TimeSpan.FromSeconds(4)));
        var cart = await cluster.Client.CartWithAsync("abandoned", ("PE-NAD-500MG", 1));
        await cart.AttachCustomer("shopper-9", "shopper9@example.test");
        var log = cluster.Service<IEmailLog>();

        var expired = await Eventually.WaitAsync(cart.Get, v => v.Lines.Count == 0, "the cart to expire");

        var emails = (await log.ListAsync(100, null, default)).Where(e => e.Recipient == "shopper9@example.test").ToList();
        Assert.Single(emails);
        Assert.Equal(NotificationKind.AbandonedCart, emails[0].Kind);
        Assert.Contains(expired.Timeline, t => t.Event == "cart.expired");
    }
}
