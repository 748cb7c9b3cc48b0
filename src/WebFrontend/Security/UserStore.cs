using Npgsql;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Accounts in PostgreSQL (table <c>users</c>, unique on lower-cased email).</summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "user_id, email, password_hash, role, totp_secret, totp_enabled";

    /// <summary>Creates an account; false when the email is taken.</summary>
    public async Task<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO users (user_id, email, password_hash, role) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Role });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
        => FindAsync($"SELECT {Columns} FROM users WHERE lower(email) = lower($1)", email, cancellationToken);

    public Task<UserAccount?> FindByIdAsync(string userId, CancellationToken cancellationToken)
        => FindAsync($"SELECT {Columns} FROM users WHERE user_id = $1", userId, cancellationToken);

    public async Task UpdatePasswordHashAsync(string userId, string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET password_hash = $2 WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetTotpAsync(string userId, string? secret, bool enabled, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET totp_secret = $2, totp_enabled = $3 WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)secret ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = enabled });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<UserAccount?> FindAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5))
            : null;
    }
}
