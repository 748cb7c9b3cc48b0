using Microsoft.Extensions.DependencyInjection.Extensions;
using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.WebFrontend.Infrastructure.Telemetry;

namespace PacificEdge.Silo.Telemetry;

/// <summary>Wires chat posting around the grains' alert store in processes that host grains.</summary>
public static class ChatAlertHosting
{
    /// <summary>Call after the silo's services are registered: wraps the registered <see cref="IAdminAlerts"/>.</summary>
    public static void PostGrainAlertsToChat(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAdminAlerts));
        if (registered is null)
        {
            return;
        }

        services.AddChatAlerts();
        services.Replace(ServiceDescriptor.Singleton<IAdminAlerts>(sp => new ChatPostingAdminAlerts(
            Create(sp, registered), sp.GetRequiredService<ChatAlertNotifier>(), sp.GetRequiredService<TimeProvider>())));
    }

    private static IAdminAlerts Create(IServiceProvider services, ServiceDescriptor registered) => registered switch
    {
        { ImplementationInstance: IAdminAlerts instance } => instance,
        { ImplementationFactory: { } factory } => (IAdminAlerts)factory(services),
        { ImplementationType: { } type } => (IAdminAlerts)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException("IAdminAlerts is registered in a way that cannot be wrapped."),
    };
}
