using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>The provider switch: <c>Commerce:Payments:Provider</c> = Sandbox (default) or Stripe.</summary>
public static class StripePaymentServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StripePaymentGateway"/> and its options, and makes <see cref="IPaymentGateway"/> follow the
    /// provider setting. Call after the sandbox is registered: its <see cref="IPaymentGateway"/> registration, whatever
    /// its form, is kept and used when the provider is Sandbox, so the sandbox's own wiring stays its own business.
    /// </summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(StripePaymentGateway)))
        {
            return services;
        }

        services.AddOptions<PaymentProviderOptions>().BindConfiguration(PaymentProviderOptions.SectionName)
            .Validate(o => Enum.IsDefined(o.Provider), "Commerce:Payments:Provider must be Sandbox or Stripe.")
            .ValidateOnStart();
        services.AddOptions<StripePaymentOptions>().BindConfiguration(StripePaymentOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripePaymentOptions>, StripePaymentOptionsValidator>());
        services.TryAddSingleton<StripePaymentGateway>();

        var sandbox = services.LastOrDefault(d => d.ServiceType == typeof(IPaymentGateway) && !d.IsKeyedService);
        if (sandbox is not null)
        {
            services.Remove(sandbox);
        }

        services.AddSingleton<IPaymentGateway>(sp =>
            sp.GetRequiredService<IOptions<PaymentProviderOptions>>().Value.Provider == PaymentProvider.Stripe
                ? sp.GetRequiredService<StripePaymentGateway>()
                : Resolve(sp, sandbox ?? throw new InvalidOperationException("Commerce:Payments:Provider is Sandbox, but no sandbox gateway is registered.")));
        return services;
    }

    private static IPaymentGateway Resolve(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IPaymentGateway instance } => instance,
        { ImplementationFactory: { } factory } => (IPaymentGateway)factory(services),
        { ImplementationType: { } type } => (IPaymentGateway)ActivatorUtilities.GetServiceOrCreateInstance(services, type),
        _ => throw new InvalidOperationException("The sandbox payment gateway registration has an unexpected form."),
    };
}
