using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>The provider switch: <c>Commerce:Payments:Provider</c> = Sandbox (default) or Stripe.</summary>
public static class StripePaymentServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StripePaymentGateway"/> and its options, and makes <see cref="IPaymentGateway"/> follow the
    /// provider setting: Stripe, or the gateway registered under the key <see cref="PaymentProvider.Sandbox"/>.
    /// The sandbox lives in PacificEdge.Simulators, which the host adds (before or after this call), so this library
    /// never names it.
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
        services.TryAddSingleton<IPaymentGateway>(sp =>
            sp.GetRequiredService<IOptions<PaymentProviderOptions>>().Value.Provider == PaymentProvider.Stripe
                ? sp.GetRequiredService<StripePaymentGateway>()
                : sp.GetKeyedService<IPaymentGateway>(PaymentProvider.Sandbox)
                    ?? throw new InvalidOperationException("Commerce:Payments:Provider is Sandbox, but no sandbox gateway is registered (the host calls AddCommerceSimulators)."));
        return services;
    }
}
