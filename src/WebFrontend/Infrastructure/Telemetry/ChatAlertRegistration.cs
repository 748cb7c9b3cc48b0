using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PacificEdge.WebFrontend.Infrastructure.Telemetry;

/// <summary>Registers the chat notifier (options validated at start-up); safe to call more than once.</summary>
public static class ChatAlertRegistration
{
    public static IServiceCollection AddChatAlerts(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ChatAlertNotifier)))
        {
            return services;
        }

        services.AddOptions<ChatAlertOptions>().BindConfiguration(ChatAlertOptions.SectionName)
            .Validate(o => o.HasValidUrl, "Alerts:Chat:WebhookUrl must be an absolute http(s) URL (set it from the environment).")
            .Validate(o => o.MaxAttempts is >= 1 and <= 20 && o.RetryBaseDelay > TimeSpan.Zero && o.RequestTimeout > TimeSpan.Zero && o.QueueLimit > 0,
                "Alerts:Chat: MaxAttempts must be 1 to 20; RetryBaseDelay, RequestTimeout and QueueLimit positive.")
            .ValidateOnStart();
        // No request logging on this client: the URL is the secret.
        services.AddHttpClient(ChatAlertNotifier.HttpClientName).RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChatAlertNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatAlertNotifier>());
        return services;
    }
}
