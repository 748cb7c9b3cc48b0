using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Infrastructure.Telemetry;

namespace PacificEdge.Silo.Telemetry;

/// <summary>
/// The alert store of the grains, plus a chat post for each alert stored now: a retried effect raising the same
/// key stores nothing and posts nothing, so each alert is posted once, by the silo that stored it.
/// </summary>
public sealed class ChatPostingAdminAlerts(IAdminAlerts inner, ChatAlertNotifier chat, TimeProvider time) : IAdminAlerts
{
    public async Task<bool> RaiseAsync(AdminAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var stored = await inner.RaiseAsync(alert, cancellationToken);
        if (stored)
        {
            // The row id is not returned by the store; the message names the order.
            chat.Post(new Alert(0, alert.Kind, alert.Message, alert.Value, alert.Threshold, time.GetUtcNow()));
        }

        return stored;
    }
}
