using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// /hubs/admin (admins and staff only): <c>counters</c> snapshots, <c>orderChanged</c> for every
/// order event and <c>alert</c> when a threshold is crossed. A (re)connecting client gets a fresh
/// snapshot at once, so nothing depends on having heard every message.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
public sealed class AdminHub(DashboardService dashboard) : Hub
{
    public const string Path = "/hubs/admin";
    public const string CountersMessage = "counters";
    public const string OrderChangedMessage = "orderChanged";
    public const string AlertMessage = "alert";

    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.SendAsync(CountersMessage, await dashboard.SnapshotAsync(Context.ConnectionAborted));
        await base.OnConnectedAsync();
    }
}
