using Npgsql;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Newsletter;

namespace PacificEdge.Grains.Newsletter;

/// <summary>
/// Newsletter subscriptions in PostgreSQL (table <c>newsletter_subscribers</c>, migration <c>commerce_0008</c>), one
/// row per lower-cased address. Every change is one statement, so concurrent calls cannot lose an unsubscribe.
/// </summary>
public sealed class NewsletterSubscribers(NpgsqlDataSource dataSource) : IMarketingSuppression
{
    private const string Columns = "email, subscribed, consent_at, unsubscribed_at";

    /// <summary>Subscribes with consent at <paramref name="consentAt"/>; an active subscription keeps its first consent date.</summary>
    public async Task<SubscriptionView> SubscribeAsync(string email, DateTimeOffset consentAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO newsletter_subscribers (email, subscribed, consent_at, source, updated_at) VALUES ($1, true, $2, 'form', $2) " +
            "ON CONFLICT (email) DO UPDATE SET subscribed = true, consent_at = $2, source = 'form', updated_at = $2 " +
            "WHERE NOT newsletter_subscribers.subscribed RETURNING " + Columns);
        return await ChangeOrReadAsync(command, email, consentAt, cancellationToken);
    }

    /// <summary>
    /// Adds an imported subscriber with the old shop's consent date. Never touches an existing row: an address that
    /// unsubscribed here stays unsubscribed, and a re-run changes nothing. True when the row was added.
    /// </summary>
    public async Task<bool> ImportAsync(string email, DateTimeOffset consentAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO newsletter_subscribers (email, subscribed, consent_at, source) VALUES ($1, true, $2, 'import') ON CONFLICT (email) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Normalise(email) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = consentAt });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Unsubscribes; an address that never subscribed gets a row too, so marketing mail to it stays suppressed.</summary>
    public async Task<SubscriptionView> UnsubscribeAsync(string email, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO newsletter_subscribers (email, subscribed, unsubscribed_at, source, updated_at) VALUES ($1, false, $2, 'unsubscribe', $2) " +
            "ON CONFLICT (email) DO UPDATE SET subscribed = false, unsubscribed_at = $2, updated_at = $2 " +
            "WHERE newsletter_subscribers.subscribed RETURNING " + Columns);
        return await ChangeOrReadAsync(command, email, at, cancellationToken);
    }

    /// <summary>The subscription of an address, if it has a row.</summary>
    public async Task<SubscriptionView?> FindAsync(string email, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT " + Columns + " FROM newsletter_subscribers WHERE email = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Normalise(email) });
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> IsUnsubscribedAsync(string email, CancellationToken cancellationToken)
        => await FindAsync(email, cancellationToken) is { Subscribed: false };

    private async Task<SubscriptionView> ChangeOrReadAsync(NpgsqlCommand command, string email, DateTimeOffset at, CancellationToken cancellationToken)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Normalise(email) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        // No row returned: it was already in the wanted state and was left as it is.
        return await ReadOneAsync(command, cancellationToken)
            ?? await FindAsync(email, cancellationToken)
            ?? throw new InvalidOperationException("The subscription row cannot be read back.");
    }

    private static async Task<SubscriptionView?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SubscriptionView(reader.GetString(0), reader.GetBoolean(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    private static string Normalise(string email) => email.Trim().ToLowerInvariant();
}
