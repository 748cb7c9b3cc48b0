namespace PacificEdge.Grains.Integration.Alerts;

/// <summary>Stores alerts for the admins; the dashboard pushes every stored alert to connected admins.</summary>
public interface IAdminAlerts
{
    /// <summary>Stores the alert unless one with its key exists. Returns true when it was stored now.</summary>
    Task<bool> RaiseAsync(AdminAlert alert, CancellationToken cancellationToken);
}
