using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Integration.Payments.Stripe;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Simulators.Payments;
using PacificEdge.Simulators.Shipping;

namespace PacificEdge.Simulators.Hosting;

/// <summary>Registers the simulators the host offers in place of real providers: the payment sandbox and the ShipStation simulator.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the payment sandbox (options from <c>Commerce:Payments:Sandbox</c>, validated at start-up while
    /// <c>Commerce:Payments:Provider</c> is Sandbox) as the
    /// <see cref="IPaymentGateway"/> keyed <see cref="PaymentProvider.Sandbox"/>, and the <see cref="ShipStationSimulator"/>
    /// as the <see cref="HttpMessageHandler"/> keyed <see cref="ShippingMode.Sandbox"/>. The grain library's provider
    /// and mode switches pick them when configuration says Sandbox (the default). Calling it twice changes nothing.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="usePostgres">
    /// True: <see cref="PostgresSandboxPaymentGateway"/> with its hosted <see cref="SandboxWebhookDispatcher"/>, over the
    /// <c>Npgsql.NpgsqlDataSource</c> the runtime registers (tables from the commerce migrations). False: the in-memory
    /// <see cref="SandboxPaymentGateway"/>.
    /// </param>
    public static IServiceCollection AddCommerceSimulators(this IServiceCollection services, bool usePostgres)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(RegisteredMarker)))
        {
            return services;
        }

        services.AddSingleton<RegisteredMarker>();
        services.TryAddSingleton(TimeProvider.System);
        AddPaymentSandbox(services, usePostgres);
        services.TryAddSingleton<ShipStationSimulator>();
        services.TryAddKeyedSingleton<HttpMessageHandler>(ShippingMode.Sandbox, (sp, _) => sp.GetRequiredService<ShipStationSimulator>());
        return services;
    }

    private static void AddPaymentSandbox(IServiceCollection services, bool usePostgres)
    {
        // Validated only while the sandbox is the provider (PaymentSandboxOptionsValidator). The provider switch is
        // bound here too (as in AddStripePayments; binding twice is harmless), so the check follows configuration
        // even when the simulators are registered alone.
        services.AddOptions<PaymentProviderOptions>().BindConfiguration(PaymentProviderOptions.SectionName);
        services.AddOptions<PaymentSandboxOptions>().BindConfiguration(PaymentSandboxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentSandboxOptions>, PaymentSandboxOptionsValidator>());

        services.AddHttpClient(HttpPaymentWebhookTransport.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<PaymentSandboxOptions>>().Value.DeliveryTimeout);
        services.TryAddSingleton<IPaymentWebhookTransport, HttpPaymentWebhookTransport>();
        if (usePostgres)
        {
            // Durable: payments and their webhooks survive a silo's death; every hosting process runs the delivery loop.
            services.TryAddSingleton<SandboxWebhookSignal>();
            services.TryAddSingleton<SandboxWebhookOutbox>();
            services.TryAddSingleton<PostgresSandboxPaymentGateway>();
            services.TryAddKeyedSingleton<IPaymentGateway>(PaymentProvider.Sandbox, (sp, _) => sp.GetRequiredService<PostgresSandboxPaymentGateway>());
            services.TryAddSingleton<SandboxWebhookDispatcher>();
            services.TryAddSingleton<ISandboxWebhookDeliveries>(sp => sp.GetRequiredService<SandboxWebhookDispatcher>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SandboxWebhookDispatcher>(sp => sp.GetRequiredService<SandboxWebhookDispatcher>()));
        }
        else
        {
            services.TryAddSingleton<SandboxPaymentGateway>();
            services.TryAddKeyedSingleton<IPaymentGateway>(PaymentProvider.Sandbox, (sp, _) => sp.GetRequiredService<SandboxPaymentGateway>());
            services.TryAddSingleton<ISandboxWebhookDeliveries>(sp => sp.GetRequiredService<SandboxPaymentGateway>());
        }
    }

    /// <summary>Present once <see cref="AddCommerceSimulators"/> has run.</summary>
    private sealed class RegisteredMarker;
}
