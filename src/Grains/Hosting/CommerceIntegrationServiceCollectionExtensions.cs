using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Integration.Payments.Stripe;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Persistence;

namespace PacificEdge.Grains.Hosting;

/// <summary>
/// Registers the integration adapters: payments (the provider switch and Stripe), shipping (ShipStation client), email,
/// admin alerts. The sandboxes (payment gateway, shipping simulator) are in PacificEdge.Simulators; the host adds them.
/// </summary>
public static class CommerceIntegrationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integrations with their options (sections <c>Commerce:Payments</c>, <c>Commerce:Shipping</c>,
    /// <c>Commerce:Email</c>; validated at start-up), <see cref="TimeProvider.System"/> unless a clock is registered,
    /// the named HTTP clients, <see cref="ShippingResilience"/>, <see cref="NotificationService"/> and the
    /// <see cref="EmailRetryService"/>. Calling it twice changes nothing.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="usePostgres">
    /// True: the email log is <see cref="PostgresEmailLog"/> and admin alerts <see cref="PostgresAdminAlerts"/>, over the
    /// <c>Npgsql.NpgsqlDataSource</c> the runtime registers (tables from the commerce migrations). False: <see cref="MemoryEmailLog"/>
    /// and <see cref="MemoryAdminAlerts"/>.
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
        // Provider switch (Commerce:Payments:Provider = Sandbox | Stripe); the sandbox itself comes from the host (AddCommerceSimulators).
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
            services.AddGroupCommitter();
            services.TryAddSingleton<IEmailLog, PostgresEmailLog>();
            services.TryAddSingleton<Newsletter.NewsletterSubscribers>();
            services.TryAddSingleton<IMarketingSuppression>(sp => sp.GetRequiredService<Newsletter.NewsletterSubscribers>());
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
