using Npgsql;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Registrations waiting for their emailed link (table <c>pending_registrations</c>): the lower-cased address and
/// Identity's hash of the chosen password, under the SHA-256 of the link's token. A row is spent by one conditional
/// update, so each link creates at most one account, once.
/// </summary>
public sealed class PendingRegistrations(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string NotValid = "This link is not valid. Use the link from your email as it is.";

    /// <summary>Stores a registration; returns its token (to put in the link; never logged or stored).</summary>
    public async Task<string> AddAsync(string normalizedEmail, string passwordHash, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = LinkTokens.New();
        await using var command = dataSource.CreateCommand(
            "INSERT INTO pending_registrations (token_hash, normalized_email, password_hash, expires_at) VALUES ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LinkTokens.Hash(token) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = normalizedEmail });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = passwordHash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() + lifetime });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    /// <summary>The address of a usable (unspent, unexpired) registration.</summary>
    /// <exception cref="InvalidSetupTokenException">Unknown, used or expired token.</exception>
    public async Task<string> EmailOfAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LinkTokens.IsPlausible(token))
        {
            throw new InvalidSetupTokenException(NotValid);
        }

        await using var command = dataSource.CreateCommand(
            "SELECT normalized_email FROM pending_registrations WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LinkTokens.Hash(token!.Trim()) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? throw await WhyUnusableAsync(token, cancellationToken);
    }

    /// <summary>Spends the registration; returns its password hash.</summary>
    /// <exception cref="InvalidSetupTokenException">Unknown, used (also just now, by a concurrent request) or expired token.</exception>
    public async Task<string> SpendAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE pending_registrations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING password_hash");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LinkTokens.Hash(token.Trim()) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? throw await WhyUnusableAsync(token, cancellationToken);
    }

    private async Task<InvalidSetupTokenException> WhyUnusableAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT used_at IS NOT NULL FROM pending_registrations WHERE token_hash = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LinkTokens.Hash(token.Trim()) });
        var used = await command.ExecuteScalarAsync(cancellationToken) as bool?;
        return new InvalidSetupTokenException(used switch
        {
            true => "This link was already used. Sign in with your email and password.",
            false => "This link has expired. Register again to get a new one.",
            null => NotValid,
        });
    }
}
