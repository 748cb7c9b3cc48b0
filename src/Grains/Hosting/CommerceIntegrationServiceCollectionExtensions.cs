using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Integration.Payments.Stripe;
using PacificEdge.Grains.Integration.Shipping;

namespace PacificEdge.Grains.Hosting;

/// <summary>Registers the integration adapters: payments (sandbox gateway), shipping (ShipStation client, simulator in Sandbox mode), email, admin alerts.</summary>
public static class CommerceIntegrationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integrations with their options (sections <c>Commerce:Payments:Sandbox</c>, <c>Commerce:Shipping</c>,
    /// <c>Commerce:Email</c>; validated at start-up), <see cref="TimeProvider.System"/> unless a clock is registered,
    /// the named HTTP clients, <see cref="ShippingResilience"/>, <see cref="NotificationService"/> and the
    /// <see cref="EmailRetryService"/>. Calling it twice changes nothing.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="usePostgres">
    /// True: the email log is <see cref="PostgresEmailLog"/>, admin alerts <see cref="PostgresAdminAlerts"/> and the payment
    /// sandbox <see cref="PostgresSandboxPaymentGateway"/> with its <see cref="SandboxWebhookDispatcher"/>, over the
    /// <c>Npgsql.NpgsqlDataSource</c> the runtime registers (tables from the commerce migrations). False: <see cref="MemoryEmailLog"/>,
    /// <see cref="MemoryAdminAlerts"/> and the in-memory <see cref="SandboxPaymentGateway"/>.
    /// </param>
    public static IServiceCollection AddCommerceIntegrations(this IServiceCollection services, bool usePostgres)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(RegisteredMarker)))
        {
            return services;
        }

        services.AddSingleton<RegisteredMarker>();

        services.TryAddSingleton(TimeProvider.System);
        AddPayments(services, usePostgres);
        // Provider switch (Commerce:Payments:Provider = Sandbox | Stripe); kept apart from the sandbox wiring above.
        services.AddStripePayments();
        AddShipping(services);
        AddEmail(services, usePostgres);
        if (usePostgres)
        {
            services.TryAddSingleton<IAdminAlerts, PostgresAdminAlerts>();
        }
        else
        {
            services.TryAddSingleton<MemoryAdminAlerts>();
            services.TryAddSingleton<IAdminAlerts>(sp => sp.GetRequiredService<MemoryAdminAlerts>());
        }

        return services;
    }

    private static void AddPayments(IServiceCollection services, bool usePostgres)
    {
        services.AddOptions<PaymentSandboxOptions>().BindConfiguration(PaymentSandboxOptions.SectionName)
            .Validate(o => o.WebhookSecret is { Length: >= 16 }, "Commerce:Payments:Sandbox:WebhookSecret is required (at least 16 characters); set it from the environment.")
            .Validate(o => o.WebhookUrl is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps), "Commerce:Payments:Sandbox:WebhookUrl must be an absolute http(s) URL.")
            .Validate(o => o.DeliveryDelay >= TimeSpan.Zero && o.SlowDelay >= TimeSpan.Zero, "Commerce:Payments:Sandbox delays must not be negative.")
            .Validate(o => o.DuplicateDeliveries is >= 0 and <= 10, "Commerce:Payments:Sandbox:DuplicateDeliveries must be between 0 and 10.")
            .Validate(o => o.DeliveryMaxAttempts is >= 1 and <= 100, "Commerce:Payments:Sandbox:DeliveryMaxAttempts must be between 1 and 100.")
            .Validate(o => o.DeliveryRetryBaseDelay >= TimeSpan.Zero && o.DeliveryRetryMaxDelay >= o.DeliveryRetryBaseDelay, "Commerce:Payments:Sandbox retry delays must not be negative, the maximum at least the base.")
            .Validate(o => o.DeliveryTimeout > TimeSpan.Zero && o.DrainTimeout >= TimeSpan.Zero, "Commerce:Payments:Sandbox:DeliveryTimeout must be positive and DrainTimeout not negative.")
            .Validate(o => o.DeliveryLease > o.DeliveryTimeout && o.DeliveryMaxAge > TimeSpan.Zero, "Commerce:Payments:Sandbox:DeliveryLease must exceed DeliveryTimeout and DeliveryMaxAge must be positive.")
            .Validate(o => o.DeliveryPollInterval > TimeSpan.Zero && o.DeliveryBatchSize is >= 1 and <= 1000, "Commerce:Payments:Sandbox:DeliveryPollInterval must be positive and DeliveryBatchSize 1-1000.")
            .ValidateOnStart();

        services.AddHttpClient(HttpPaymentWebhookTransport.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<PaymentSandboxOptions>>().Value.DeliveryTimeout);
        services.TryAddSingleton<IPaymentWebhookTransport, HttpPaymentWebhookTransport>();
        if (usePostgres)
        {
            // Durable: payments and their webhooks survive a silo's death; every hosting process runs the delivery loop.
            services.TryAddSingleton<SandboxWebhookSignal>();
            services.TryAddSingleton<SandboxWebhookOutbox>();
            services.TryAddSingleton<PostgresSandboxPaymentGateway>();
            services.TryAddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<PostgresSandboxPaymentGateway>());
            services.TryAddSingleton<SandboxWebhookDispatcher>();
            services.TryAddSingleton<ISandboxWebhookDeliveries>(sp => sp.GetRequiredService<SandboxWebhookDispatcher>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SandboxWebhookDispatcher>(sp => sp.GetRequiredService<SandboxWebhookDispatcher>()));
        }
        else
        {
            services.TryAddSingleton<SandboxPaymentGateway>();
            services.TryAddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxPaymentGateway>());
            services.TryAddSingleton<ISandboxWebhookDeliveries>(sp => sp.GetRequiredService<SandboxPaymentGateway>());
        }
    }

    private static void AddShipping(IServiceCollection services)
    {
        services.AddCommerceShipping();
    }

    private static void AddEmail(IServiceCollection services, bool usePostgres)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName)
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out var from) && EmailAddressSyntax.IsValid(from.Address), "Commerce:Email:From must be an email address (optionally with a display name).")
            .Validate(o => o.Mode != EmailMode.Smtp || !string.IsNullOrWhiteSpace(o.Smtp.Host), "Commerce:Email:Smtp:Host is required in Smtp mode.")
            .Validate(o => o.Smtp.Port is >= 1 and <= 65535 && o.Smtp.Timeout > TimeSpan.Zero, "Commerce:Email:Smtp:Port must be 1-65535 and Timeout positive.")
            .Validate(o => string.IsNullOrEmpty(o.Smtp.UserName) || !string.IsNullOrEmpty(o.Smtp.Password), "Commerce:Email:Smtp:Password is required with a UserName; set it from the environment.")
            .Validate(o => o.Smtp.Security is SecureSocketOptions.StartTls or SecureSocketOptions.SslOnConnect or SecureSocketOptions.None, "Commerce:Email:Smtp:Security must be StartTls, SslOnConnect or None.")
            .Validate(o => o.Mode != EmailMode.Smtp || o.UnsubscribeKey is { Length: >= 16 }, "Commerce:Email:UnsubscribeKey is required in Smtp mode (at least 16 characters); set it from the environment.")
            .Validate(o => o.RetryInterval > TimeSpan.Zero && o.PendingGracePeriod > TimeSpan.Zero, "Commerce:Email:RetryInterval and PendingGracePeriod must be positive.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100 && o.RetryBatchSize >= 1, "Commerce:Email:MaxAttempts must be 1-100 and RetryBatchSize positive.")
            .Validate(o => o.BaseBackoff > TimeSpan.Zero && o.MaxBackoff >= o.BaseBackoff, "Commerce:Email:BaseBackoff must be positive and MaxBackoff at least BaseBackoff.")
            .ValidateOnStart();

        services.TryAddSingleton<UnsubscribeLinks>();
        services.TryAddSingleton<SandboxEmailSender>();
        services.TryAddSingleton<IEmailSender>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.Mode == EmailMode.Smtp
                ? ActivatorUtilities.CreateInstance<MailKitEmailSender>(sp)
                : sp.GetRequiredService<SandboxEmailSender>());
        if (usePostgres)
        {
            services.TryAddSingleton<IEmailLog, PostgresEmailLog>();
        }
        else
        {
            services.TryAddSingleton<IEmailLog, MemoryEmailLog>();
        }

        services.TryAddSingleton<INotificationService, NotificationService>();
        services.TryAddSingleton<EmailRetryService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmailRetryService>(sp => sp.GetRequiredService<EmailRetryService>()));
    }

    /// <summary>Present once <see cref="AddCommerceIntegrations"/> has run.</summary>
    private sealed class RegisteredMarker;
}
