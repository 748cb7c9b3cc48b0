using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// ASP.NET Core Identity's user store over Npgsql (table <c>users</c>; the other store interfaces are in the partial
/// files next to this one). The user name is the email; emails are matched case-insensitively through the unique
/// index on <c>lower(email)</c>, so Identity's normalised names need no columns. Lockout counters are written at once
/// and atomically (parallel wrong passwords must all count); everything else is written by <see cref="UpdateAsync"/>.
/// </summary>
public sealed partial class PostgresUserStore(NpgsqlDataSource dataSource, TimeProvider time)
    : IUserPasswordStore<UserAccount>, IUserEmailStore<UserAccount>, IUserSecurityStampStore<UserAccount>
{
    private const string Columns = "user_id, email, password_hash, role, totp_secret, totp_enabled, security_stamp, "
        + "email_confirmed, lockout_enabled, lockout_end, access_failed_count";

    // Identity's describer is scoped; its default texts are all this singleton needs.
    private static readonly IdentityErrorDescriber Errors = new();

    public async Task<IdentityResult> CreateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO users ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING");
        AddParameters(command, user);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = user.AccessFailedCount });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? IdentityResult.Success
            : IdentityResult.Failed(Errors.DuplicateEmail(user.Email));
    }

    public async Task<IdentityResult> UpdateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE users SET email = $2, password_hash = $3, role = $4, totp_secret = $5, totp_enabled = $6, "
            + "security_stamp = $7, email_confirmed = $8, lockout_enabled = $9, lockout_end = $10 WHERE user_id = $1");
        AddParameters(command, user);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1
                ? IdentityResult.Success
                : IdentityResult.Failed(Errors.ConcurrencyFailure());
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return IdentityResult.Failed(Errors.DuplicateEmail(user.Email));
        }
    }

    public async Task<IdentityResult> DeleteAsync(UserAccount user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM users WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public Task<UserAccount?> FindByIdAsync(string userId, CancellationToken cancellationToken)
        => FindAsync($"SELECT {Columns} FROM users WHERE user_id = $1", userId, cancellationToken);

    public Task<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
        => FindByEmailAsync(normalizedUserName, cancellationToken);

    public Task<UserAccount?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
        => FindAsync($"SELECT {Columns} FROM users WHERE lower(email) = lower($1)", normalizedEmail.Trim(), cancellationToken);

    public Task<string> GetUserIdAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.UserId);

    public Task<string?> GetUserNameAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task SetUserNameAsync(UserAccount user, string? userName, CancellationToken cancellationToken)
    {
        user.Email = userName ?? string.Empty;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(UserAccount user, CancellationToken cancellationToken)
        => Task.FromResult<string?>(user.Email.ToUpperInvariant());

    // Normalised names are not stored: lookups use the index on lower(email).
    public Task SetNormalizedUserNameAsync(UserAccount user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> GetEmailAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task SetEmailAsync(UserAccount user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email ?? string.Empty;
        return Task.CompletedTask;
    }

    public Task<bool> GetEmailConfirmedAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(UserAccount user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(UserAccount user, CancellationToken cancellationToken)
        => Task.FromResult<string?>(user.Email.ToUpperInvariant());

    public Task SetNormalizedEmailAsync(UserAccount user, string? normalizedEmail, CancellationToken cancellationToken) => Task.CompletedTask;

    // The column is NOT NULL: "no password yet" (imported customers) is stored as an empty hash, and null to Identity.
    public Task<string?> GetPasswordHashAsync(UserAccount user, CancellationToken cancellationToken)
        => Task.FromResult(user.PasswordHash.Length == 0 ? null : user.PasswordHash);

    public Task SetPasswordHashAsync(UserAccount user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash ?? AccountService.NoPassword;
        return Task.CompletedTask;
    }

    public Task<bool> HasPasswordAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash.Length > 0);

    public Task<string?> GetSecurityStampAsync(UserAccount user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task SetSecurityStampAsync(UserAccount user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // The data source is shared and owned by the container.
    }

    private static void AddParameters(NpgsqlCommand command, UserAccount user)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Role });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)user.AuthenticatorKey ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = user.TwoFactorEnabled });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.SecurityStamp });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = user.EmailConfirmed });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = user.LockoutEnabled });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)user.LockoutEnd ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
    }

    private async Task<UserAccount?> FindAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static UserAccount Read(NpgsqlDataReader reader) => new()
    {
        UserId = reader.GetString(0),
        Email = reader.GetString(1),
        PasswordHash = reader.GetString(2),
        Role = reader.GetString(3),
        AuthenticatorKey = reader.IsDBNull(4) ? null : reader.GetString(4),
        TwoFactorEnabled = reader.GetBoolean(5),
        SecurityStamp = reader.GetString(6),
        EmailConfirmed = reader.GetBoolean(7),
        LockoutEnabled = reader.GetBoolean(8),
        LockoutEnd = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        AccessFailedCount = reader.GetInt32(10),
    };
}
