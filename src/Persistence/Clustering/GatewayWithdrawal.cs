using System.Net;
using Npgsql;

namespace PacificEdge.Persistence.Clustering;

/// <summary>
/// Marks a silo incarnation's gateway as withdrawn in the membership table, so the gateway list that clients
/// refresh (<c>GatewaysQueryKey</c>) stops offering it while the silo is still Active and draining.
/// </summary>
public sealed class GatewayWithdrawal(NpgsqlDataSource dataSource)
{
    /// <summary>Withdraws the gateway of the silo at <paramref name="silo"/> (generation <paramref name="generation"/>); false when no such row exists.</summary>
    public async Task<bool> WithdrawAsync(string clusterId, IPEndPoint silo, int generation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(silo);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE orleans_membership SET gateway_withdrawn_at = now()
             WHERE deployment_id = $1 AND address = $2 AND port = $3 AND generation = $4
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Address.ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = generation });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
