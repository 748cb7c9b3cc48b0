using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PacificEdge.Persistence.Clustering;

namespace PacificEdge.Silo.Hosting;

/// <summary>
/// On a graceful stop, withdraws this silo's gateway from the membership table before Orleans notifies the
/// connected clients (the <see cref="ServiceLifecycleStage.Active"/> stop), so no client's gateway-list refresh
/// can hand the leaving gateway back while grains drain. If the database does not answer within
/// <see cref="Timeout"/>, the stop goes on with Orleans' notice alone.
/// </summary>
public sealed partial class GatewayWithdrawalParticipant(
    GatewayWithdrawal withdrawal,
    ILocalSiloDetails silo,
    IOptions<ClusterOptions> cluster,
    ILogger<GatewayWithdrawalParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(GatewayWithdrawalParticipant), ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, StopAsync);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var address = silo.SiloAddress;
            var withdrawn = await withdrawal.WithdrawAsync(cluster.Value.ClusterId, address.Endpoint, address.Generation, timeout.Token);
            LogWithdrawn(address.ToString(), withdrawn);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Npgsql.NpgsqlException)
        {
            LogNotWithdrawn(ex.GetType().Name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway of silo {Silo} withdrawn from the gateway list (row found: {Found})")]
    private partial void LogWithdrawn(string silo, bool found);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not withdraw this silo's gateway before stopping ({Error}: {Reason}); clients rely on Orleans' shutdown notice alone")]
    private partial void LogNotWithdrawn(string error, string reason);
}
