using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Second factor: the authenticator key (base32, Identity's format), the switch, and recovery codes. Recovery codes
/// are stored as SHA-256 only and deleted when redeemed, in one statement, so each works once.
/// </summary>
public sealed partial class PostgresUserStore
    : IUserTwoFactorStore<UserAccount>, IUserAuthenticatorKeyStore<UserAccount>, IUserTwoFactorRecoveryCodeStore<UserAccount>
{
    public Task SetTwoFactorEnabledAsync(UserAccount user, bool enabled, CancellationToken cancellationToken)
    {
        user.TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(UserAccount user, string key, CancellationToken cancellationToken)
    {
        user.AuthenticatorKey = key;
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.AuthenticatorKey);

    public async Task ReplaceCodesAsync(UserAccount user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM user_recovery_codes WHERE user_id = $1", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO user_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. recoveryCodes.Select(HashCode)] });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RedeemCodeAsync(UserAccount user, string code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM user_recovery_codes WHERE user_id = $1 AND code_hash = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = HashCode(code) });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> CountCodesAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM user_recovery_codes WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        return await command.ExecuteScalarAsync(cancellationToken) is int count ? count : 0;
    }

    /// <summary>Records that <paramref name="code"/> signed in; false when it already did (a code works once).</summary>
    public async Task<bool> TryUseAuthenticatorCodeAsync(UserAccount user, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var purge = new NpgsqlCommand("DELETE FROM authenticator_code_uses WHERE user_id = $1 AND used_at < $2", connection))
        {
            // Identity accepts a code for a few 30 s steps either side; older uses can no longer be replayed.
            purge.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
            purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - TimeSpan.FromMinutes(10) });
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO authenticator_code_uses (user_id, code, used_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", connection);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static string HashCode(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
