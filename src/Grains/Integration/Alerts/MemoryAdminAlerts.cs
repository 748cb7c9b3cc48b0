namespace PacificEdge.Grains.Integration.Alerts;

/// <summary>Alerts in memory, with the same once-per-key rule as <see cref="PostgresAdminAlerts"/> (unit tests, single-process demos).</summary>
public sealed class MemoryAdminAlerts : IAdminAlerts
{
    private readonly Lock gate = new();
    private readonly List<AdminAlert> alerts = [];

    /// <summary>The alerts stored so far, oldest first.</summary>
    public IReadOnlyList<AdminAlert> Alerts
    {
        get
        {
            lock (gate)
            {
                return [.. alerts];
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> RaiseAsync(AdminAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (alerts.Exists(a => a.Key == alert.Key))
            {
                return Task.FromResult(false);
            }

            alerts.Add(alert);
            return Task.FromResult(true);
        }
    }
}
