using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PacificEdge.Grains.Demo;
using PacificEdge.Grains.Hosting;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Support;

/// <summary>A test cluster hosting the commerce grains with sandbox integrations and test-sized timings.</summary>
public static class CommerceCluster
{
    public const string WebhookSecret = "whsec_test_only_not_a_real_secret";

    public static readonly Address ShipTo = new("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB");

    public static CommerceClusterBuilder Builder(string? postgres = null)
    {
        var builder = new CommerceClusterBuilder(postgres)
            .ConfigureServices(services => services.AddSingleton<IPaymentWebhookTransport, RoutingWebhookTransport>())
            .WithConfiguration("Commerce:Payments:Sandbox:WebhookSecret", WebhookSecret)
            .WithConfiguration("Commerce:Payments:Sandbox:DeliveryDelay", TimeSpan.FromMilliseconds(20))
            .WithConfiguration("Commerce:Payments:Sandbox:SlowDelay", TimeSpan.FromMilliseconds(200))
            .WithConfiguration("Commerce:Payments:Sandbox:DeliveryRetryBaseDelay", TimeSpan.FromMilliseconds(50))
            .WithConfiguration("Commerce:EffectRetryDelay", TimeSpan.FromMilliseconds(500))
            .WithConfiguration("Commerce:CheckoutRecoveryAfter", TimeSpan.FromSeconds(1))
            .WithConfiguration("Commerce:ShipmentRetry:InitialDelay", TimeSpan.FromMilliseconds(100))
            .WithConfiguration("Commerce:ShipmentRetry:MaxDelay", TimeSpan.FromMilliseconds(400))
            .WithConfiguration("Commerce:ReminderPeriod", TimeSpan.FromSeconds(1));
        return builder;
    }

    public static async Task<CommerceTestCluster> StartAsync(string? postgres = null, Action<CommerceClusterBuilder>? configure = null)
    {
        var builder = Builder(postgres);
        configure?.Invoke(builder);
        var cluster = await builder.BuildAsync();
        await cluster.DeployAsync();
        await DemoDataSeeder.SeedAsync(cluster.Client, "USD", unitsPerProduct: 100);
        return cluster;
    }

    public static Task<InventorySnapshot> SetStockAsync(this IGrainFactory grains, string sku, int units)
        => grains.GetGrain<IInventoryGrain>(sku).SetOnHand(units, "test");

    /// <summary>A cart with the given lines, ready to check out.</summary>
    public static async Task<ICartGrain> CartWithAsync(this IGrainFactory grains, string cartId, params (string Sku, int Quantity)[] lines)
    {
        var cart = grains.GetGrain<ICartGrain>(cartId);
        foreach (var (sku, quantity) in lines)
        {
            await cart.AddLine(sku, quantity);
        }

        return cart;
    }

    public static CheckoutRequest Checkout(string key, string customer = "cust-1", int points = 0)
        => new(key, customer, $"{customer}@example.test", ShipTo, points);

}
