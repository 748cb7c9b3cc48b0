using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Lockout (Identity counts failed sign-ins and locks the account): written at once, the count atomically.</summary>
public sealed partial class PostgresUserStore : IUserLockoutStore<UserAccount>
{
    public Task<DateTimeOffset?> GetLockoutEndDateAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public async Task SetLockoutEndDateAsync(UserAccount user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET lockout_end = $2 WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)lockoutEnd ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
        user.LockoutEnd = lockoutEnd;
    }

    public async Task<int> IncrementAccessFailedCountAsync(UserAccount user, CancellationToken cancellationToken)
    {
        // In the database, not on the loaded copy: parallel wrong passwords each count.
        await using var command = dataSource.CreateCommand(
            "UPDATE users SET access_failed_count = access_failed_count + 1 WHERE user_id = $1 RETURNING access_failed_count");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        user.AccessFailedCount = await command.ExecuteScalarAsync(cancellationToken) is int count ? count : user.AccessFailedCount + 1;
        return user.AccessFailedCount;
    }

    public async Task ResetAccessFailedCountAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET access_failed_count = 0 WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        await command.ExecuteNonQueryAsync(cancellationToken);
        user.AccessFailedCount = 0;
    }

    public Task<int> GetAccessFailedCountAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(UserAccount user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }
}
