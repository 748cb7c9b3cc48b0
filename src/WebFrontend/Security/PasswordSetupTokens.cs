using Microsoft.AspNetCore.Identity;
using Npgsql;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Single-use, expiring links to set a password: the first one of customers imported from the old shop, and a new one
/// after "forgot password". Only the SHA-256 of a token is stored (table <c>password_setup_tokens</c>), so the table
/// alone opens no account; a token is spent by one conditional update, so it works exactly once. The password itself
/// is set by Identity's <see cref="UserManager{TUser}"/> (policy, hash, new security stamp: other sessions end).
/// </summary>
public sealed class PasswordSetupTokens(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Creates a token for <paramref name="userId"/>; returns it (to put in the link; never logged or stored).</summary>
    public async Task<string> IssueAsync(string userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = LinkTokens.New();
        await using var command = dataSource.CreateCommand("INSERT INTO password_setup_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LinkTokens.Hash(token) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() + lifetime });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    /// <summary>Sets the password of the token's account and spends the token; returns the account.</summary>
    /// <exception cref="ValidationException">The password breaks the policy (the token is then left unspent).</exception>
    /// <exception cref="InvalidSetupTokenException">Unknown, used or expired token.</exception>
    public async Task<UserAccount> RedeemAsync(string? token, string? password, UserManager<UserAccount> users, CancellationToken cancellationToken)
    {
        if (!LinkTokens.IsPlausible(token))
        {
            throw new InvalidSetupTokenException("This link is not valid. Use the link from your email as it is.");
        }

        var hash = LinkTokens.Hash(token!.Trim());
        var userId = await FindUsableAsync(hash, cancellationToken) ?? throw await DescribeAsync(hash, cancellationToken);
        var account = await users.FindByIdAsync(userId) ?? throw new InvalidSetupTokenException("The account of this link no longer exists.");
        foreach (var validator in users.PasswordValidators)
        {
            AccountService.ThrowIfFailed(await validator.ValidateAsync(users, account, password));
        }

        if (!await SpendAsync(hash, cancellationToken))
        {
            throw await DescribeAsync(hash, cancellationToken);
        }

        // This table's token is the reset token (stored hashed, spent once, expiring), so Identity's own data-protection
        // reset token is not used: the password is replaced through Remove/AddPassword (policy checked above and again).
        if (await users.HasPasswordAsync(account))
        {
            AccountService.ThrowIfFailed(await users.RemovePasswordAsync(account));
        }

        AccountService.ThrowIfFailed(await users.AddPasswordAsync(account, password!));

        // A link proves the mailbox: it also lifts a lockout.
        await users.ResetAccessFailedCountAsync(account);
        await users.SetLockoutEndDateAsync(account, null);
        return account;
    }

    private async Task<string?> FindUsableAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT user_id FROM password_setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task<bool> SpendAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE password_setup_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
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
}
