using Microsoft.Extensions.Options;
using Npgsql;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Sign-in sessions (table <c>user_sessions</c>). A cookie names its session; ending the session here ends the cookie
/// (and live hub connections) at the next check, where a cookie alone would stay valid until it expires.
/// </summary>
public sealed class UserSessions(NpgsqlDataSource dataSource, IOptions<SecurityOptions> options, TimeProvider time)
{
    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken)
    {
        var sessionId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var purge = new NpgsqlCommand(
            "DELETE FROM user_sessions WHERE user_id = $1 AND (ended_at IS NOT NULL OR started_at < $2)", connection))
        {
            // The account's ended and expired sessions can no longer be used by anyone: the table stays small.
            purge.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - options.Value.SessionAbsoluteLifetime });
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("INSERT INTO user_sessions (session_id, user_id, started_at) VALUES ($1, $2, $3)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return sessionId;
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE user_sessions SET ended_at = $2 WHERE session_id = $1 AND ended_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends every session of the account except <paramref name="keep"/> (when given).</summary>
    public async Task EndAllAsync(string userId, string? keep, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE user_sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL AND session_id IS DISTINCT FROM $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)keep ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The live state of sessions: per session id, the account's current security stamp and role, if the session is open.</summary>
    public async Task<IReadOnlyDictionary<string, (string Stamp, string Role)>> OpenAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT s.session_id, u.security_stamp, u.role FROM user_sessions s JOIN users u ON u.user_id = s.user_id "
            + "WHERE s.session_id = ANY($1) AND s.ended_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sessionIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var open = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            open[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return open;
    }
}
