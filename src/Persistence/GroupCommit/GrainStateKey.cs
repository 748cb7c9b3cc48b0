using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// A row of <c>grain_storage</c>: service id, the full text of the grain type and key, and the state name. Nothing is
/// parsed, normalised or hashed, so distinct grains never share a row.
/// </summary>
internal readonly record struct GrainStateKey(string ServiceId, string GrainType, string GrainKey, string StateName)
{
    /// <summary>The row's condition over parameters $1–$4 (see <see cref="AddTo"/>).</summary>
    public const string WhereClause = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    /// <summary>Adds the key as parameters $1–$4.</summary>
    public void AddTo(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = ServiceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainType });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainKey });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName });
    }

    // Batches lock rows in this order (GroupCommitUnit.LockOrder), so two silos' batches cannot deadlock on a pair of rows.
    public string LockOrder => $"grain_storage:{GrainType}\u0001{GrainKey}\u0001{StateName}\u0001{ServiceId}";
}
