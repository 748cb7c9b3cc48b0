using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Demo;
using PacificEdge.Grains.Events;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Orders;
using PacificEdge.Grains.Reminders;
using PacificEdge.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace PacificEdge.Grains.Hosting;

/// <summary>Registers the commerce module with a silo.</summary>
public static class CommerceSiloBuilderExtensions
{
    private static readonly TimeSpan MinimumReminderTableRefresh = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hosts the commerce grains with their options (section <c>Commerce</c>, validated at start-up),
    /// integrations (payments, shipping, email; sandbox by default), the in-process order event bus
    /// and, when <c>Commerce:Demo:Seed</c> is true, the demo catalog. The host registers the grain
    /// storage named <see cref="CommerceStorage.Name"/>, the reminder service and, with PostgreSQL,
    /// the commerce migrations (SQL embedded in this assembly, module <c>commerce</c>).
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="usePostgres">Whether logs (email) live in PostgreSQL (the silo uses it) or in memory (unit tests).</param>
    public static ISiloBuilder AddCommerceGrains(this ISiloBuilder silo, bool usePostgres = true)
    {
        var services = silo.Services;
        services.AddOptions<CommerceOptions>().BindConfiguration(CommerceOptions.SectionName)
            .Validate(o => o.Currency is { Length: 3 } && o.Currency.All(char.IsAsciiLetterUpper), "Commerce:Currency must be a three-letter ISO code.")
            .Validate(o => o.PaymentTimeout > TimeSpan.Zero && o.EffectRetryDelay > TimeSpan.Zero && o.CheckoutRecoveryAfter > TimeSpan.Zero, "Commerce timeouts must be positive.")
            .Validate(o => o.DeferredWriteDelay > TimeSpan.Zero, "Commerce:DeferredWriteDelay must be positive.")
            .Validate(o => o.PaymentRetryReminderAfter > TimeSpan.Zero && o.PaymentRetryReminderAfter < o.PaymentTimeout, "Commerce:PaymentRetryReminderAfter must be positive and shorter than PaymentTimeout.")
            .Validate(o => o.AbandonedCartAfter > TimeSpan.Zero && o.CartExpiresAfter > o.AbandonedCartAfter, "Commerce:CartExpiresAfter must be longer than AbandonedCartAfter.")
            .Validate(o => o.Loyalty.PointsPerCurrencyUnit >= 0m && o.Loyalty.PointValue > 0m && o.Loyalty.LotLifetime > TimeSpan.Zero && o.Loyalty.ReferralBonus >= 0, "Commerce:Loyalty rules must be positive.")
            .Validate(o => o.EffectRetryMaxDelay >= o.EffectRetryDelay && o.EffectMaxAttempts is >= 1 and <= 100, "Commerce:EffectRetryMaxDelay must be at least EffectRetryDelay; EffectMaxAttempts between 1 and 100.")
            .Validate(o => o.ShipmentRetry.InitialDelay > TimeSpan.Zero && o.ShipmentRetry.MaxDelay >= o.ShipmentRetry.InitialDelay, "Commerce:ShipmentRetry delays must be positive, max at least initial.")
            .Validate(o => o.GuestCheckout.IsValid, "Commerce:GuestCheckout limits must be positive.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Commerce:PublicBaseUrl must be an absolute URL.")
            .Validate(o => o.ReminderPeriod >= TimeSpan.FromMilliseconds(100), "Commerce:ReminderPeriod must be at least 100 ms.")
            .ValidateOnStart();

        // One-shot reminders fire again every ReminderPeriod until their work is done; Orleans refuses
        // periods below its minimum, so the minimum follows a shorter configured period (tests use seconds).
        services.AddOptions<ReminderOptions>().Configure<IOptions<CommerceOptions>>((reminders, commerce) =>
        {
            reminders.MinimumReminderPeriod = commerce.Value.ReminderPeriod < reminders.MinimumReminderPeriod
                ? commerce.Value.ReminderPeriod
                : reminders.MinimumReminderPeriod;
            // A reminder registered through a silo whose view of the ring is stale (one just died) is stored but
            // started only when its owner next reads the table: every 5 minutes by default. Reading it once per
            // ReminderPeriod (not under 5 s: one range query per silo) keeps "late by at most one period" true.
            reminders.RefreshReminderListPeriod = TimeSpan.FromTicks(Math.Clamp(
                commerce.Value.ReminderPeriod.Ticks, MinimumReminderTableRefresh.Ticks, reminders.RefreshReminderListPeriod.Ticks));
        });
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);

        services.TryAddSingleton<InProcessOrderEventBus>();
        services.TryAddSingleton<IOrderEventSubscription>(sp => sp.GetRequiredService<InProcessOrderEventBus>());
        if (usePostgres)
        {
            services.AddGroupCommitter();
            services.TryAddSingleton<OrderSummaryProjection>();
            services.TryAddSingleton<GrainWakeUps>();
            services.AddHostedService<GrainWakeUpSweeper>();
            services.TryAddSingleton<IOrderEventPublisher>(sp => new OrderEventPublisher(
                sp.GetRequiredService<InProcessOrderEventBus>(), sp.GetRequiredService<OrderSummaryProjection>()));
        }
        else
        {
            services.TryAddSingleton<IOrderEventPublisher>(sp => new OrderEventPublisher(sp.GetRequiredService<InProcessOrderEventBus>()));
        }
        services.TryAddSingleton<OrderEffectRunner>();
        services.TryAddSingleton<OrderMetrics>();
        services.AddCommerceIntegrations(usePostgres);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, DemoDataSeeder>();
        silo.AddIncomingGrainCallFilter<TransientDatabaseFailureFilter>();
        silo.AddIncomingGrainCallFilter<DownstreamFailureFilter>();
        return silo;
    }
}
