using System.Security.Cryptography;
using System.Text;
using Npgsql;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Single-use, expiring tokens that let an account without a password set its first one (customers imported from the
/// old shop). Only the SHA-256 of a token is stored (table <c>password_setup_tokens</c>), so the table alone opens no
/// account; a token is spent in the same transaction that sets the password, so it works exactly once.
/// </summary>
public sealed class PasswordSetupTokens(NpgsqlDataSource dataSource, AccountService accounts, TimeProvider time)
{
    /// <summary>Creates a token for <paramref name="userId"/>; returns it (to put in the link; never logged or stored).</summary>
    public async Task<string> IssueAsync(string userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var command = dataSource.CreateCommand("INSERT INTO password_setup_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Hash(token) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() + lifetime });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    /// <summary>Sets the password of the token's account and spends the token; returns the account.</summary>
    /// <exception cref="ValidationException">The password breaks the rules (the token is then left unspent).</exception>
    /// <exception cref="InvalidSetupTokenException">Unknown, used or expired token.</exception>
    public async Task<UserAccount> RedeemAsync(string? token, string? password, UserStore users, CancellationToken cancellationToken)
    {
        AccountService.ValidatePassword(password);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            throw new InvalidSetupTokenException("This link is not valid. Use the link from your email as it is.");
        }

        var hash = Hash(token.Trim());
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? userId;
        await using (var spend = new NpgsqlCommand(
            "UPDATE password_setup_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id", connection, transaction))
        {
            spend.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
            spend.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            userId = await spend.ExecuteScalarAsync(cancellationToken) as string;
        }

        if (userId is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw await DescribeAsync(hash, cancellationToken);
        }

        var account = await users.FindByIdAsync(userId, cancellationToken) ?? throw new InvalidSetupTokenException("The account of this link no longer exists.");
        await using (var update = new NpgsqlCommand("UPDATE users SET password_hash = $2 WHERE user_id = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accounts.HashPassword(account, password!) });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return account;
    }

    private async Task<InvalidSetupTokenException> DescribeAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT used_at IS NOT NULL FROM password_setup_tokens WHERE token_hash = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            true => new InvalidSetupTokenException("This link was already used. Sign in with the password you set."),
            false => new InvalidSetupTokenException("This link has expired. Ask us for a new one."),
            _ => new InvalidSetupTokenException("This link is not valid. Use the link from your email as it is."),
        };
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
