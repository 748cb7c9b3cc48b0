using Npgsql;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Data;

/// <summary>
/// Open unpaid guest orders per email and per client address, kept in <c>guest_checkouts</c> and
/// judged unpaid by the order projection. A checkout claims its slot (cart id + idempotency key)
/// before it runs, under per-email and per-address locks, so parallel checkouts cannot all slip
/// under the limit; a retry with the same key reuses its slot.
/// </summary>
public sealed class GuestCheckoutSlots(NpgsqlDataSource dataSource)
{
    // Advisory lock classes; the second key is a hash of the email or the address.
    private const int EmailLock = 0x6E57_0001;
    private const int AddressLock = 0x6E57_0002;

    // An in-flight checkout (no order id yet) or an order not projected yet counts as open: the safe side.
    private const string CountSql =
        "SELECT count(*) FILTER (WHERE g.email = $1), count(*) FILTER (WHERE g.client_address = $2) " +
        "FROM guest_checkouts g LEFT JOIN order_summaries s ON s.order_id = g.order_id " +
        "WHERE (g.email = $1 OR g.client_address = $2) AND g.created_at > $3 " +
        "AND NOT (g.cart_id = $4 AND g.idempotency_key = $5) " +
        "AND (s.order_id IS NULL OR (s.payment IN ('Pending', 'Failed') AND s.fulfilment <> 'Cancelled'))";

    // Housekeeping without waiting on anyone: rows another checkout has locked are left for later.
    private const string PruneSql =
        "DELETE FROM guest_checkouts WHERE (cart_id, idempotency_key) IN " +
        "(SELECT cart_id, idempotency_key FROM guest_checkouts WHERE created_at <= $1 LIMIT 100 FOR UPDATE SKIP LOCKED)";

    private const string ClaimSql =
        "INSERT INTO guest_checkouts (cart_id, idempotency_key, email, client_address, created_at) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (cart_id, idempotency_key) DO NOTHING";

    /// <summary>
    /// Counts the guest's other open unpaid orders placed since <paramref name="now"/> minus
    /// <paramref name="window"/> (the guest payment timeout: older ones have expired), lets
    /// <paramref name="policy"/> judge them, and claims a slot for this checkout if it allows.
    /// </summary>
    /// <exception cref="GuestLimitException">The email or the address has too many open unpaid orders; nothing is claimed.</exception>
    public async Task ClaimAsync(GuestCheckoutPolicy policy, string cartId, string idempotencyKey, string email, string clientAddress,
        DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        email = Normalize(email);
        var since = (now - window).ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Always email first, then address: two checkouts never wait on each other in opposite order.
        await LockAsync(connection, transaction, EmailLock, email, cancellationToken);
        await LockAsync(connection, transaction, AddressLock, clientAddress, cancellationToken);

        long forEmail, forAddress;
        await using (var count = new NpgsqlCommand(CountSql, connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientAddress });
            count.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cartId });
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            forEmail = reader.GetInt64(0);
            forAddress = reader.GetInt64(1);
        }

        policy.CheckOpenOrders((int)forEmail, (int)forAddress);

        await using (var prune = new NpgsqlCommand(PruneSql, connection, transaction))
        {
            prune.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cartId });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientAddress });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Links the slot to the order the checkout created, so it stops counting once the order is paid or expires.</summary>
    public async Task CompleteAsync(string cartId, string idempotencyKey, string orderId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE guest_checkouts SET order_id = $3 WHERE cart_id = $1 AND idempotency_key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cartId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = orderId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Frees the slot of a checkout a rule refused (no order was created).</summary>
    public async Task ReleaseAsync(string cartId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM guest_checkouts WHERE cart_id = $1 AND idempotency_key = $2 AND order_id IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cartId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Mailbox case and stray spaces must not make a second identity.
    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int lockClass, string value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = lockClass });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
