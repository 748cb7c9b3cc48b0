using Npgsql;
using PacificEdge.Persistence.GroupCommit;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Data;

/// <summary>
/// Open unpaid guest orders per email and per client address, kept in <c>guest_checkouts</c> and
/// judged unpaid by the order projection. A checkout claims its slot (cart id + idempotency key)
/// before it runs, under per-email and per-address locks, so parallel checkouts cannot all slip
/// under the limit; a retry with the same key reuses its slot.
/// </summary>
public sealed class GuestCheckoutSlots(NpgsqlDataSource dataSource, GroupCommitter committer)
{
    // Advisory lock classes; the second key is a hash of the email or the address.
    private const int EmailLock = 0x6E57_0001;
    private const int AddressLock = 0x6E57_0002;

    // Old slots are pruned at most this often per process, off the locked path.
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private const string LockSql = "SELECT pg_advisory_xact_lock($1, hashtext($2))";

    // Counts the other open slots and claims this one only when both are under their limits, in one statement.
    // An in-flight checkout (no order id yet) or an order not projected yet counts as open: the safe side.
    private const string ClaimSql =
        "WITH open AS (" +
        "SELECT count(*) FILTER (WHERE g.email = $1) AS for_email, count(*) FILTER (WHERE g.client_address = $2) AS for_address " +
        "FROM guest_checkouts g LEFT JOIN order_summaries s ON s.order_id = g.order_id " +
        "WHERE (g.email = $1 OR g.client_address = $2) AND g.created_at > $3 " +
        "AND NOT (g.cart_id = $4 AND g.idempotency_key = $5) " +
        "AND (s.order_id IS NULL OR (s.payment IN ('Pending', 'Failed') AND s.fulfilment <> 'Cancelled'))), " +
        "claimed AS (INSERT INTO guest_checkouts (cart_id, idempotency_key, email, client_address, created_at) " +
        "SELECT $4, $5, $1, $2, $6 FROM open WHERE open.for_email < $7 AND open.for_address < $8 " +
        "ON CONFLICT (cart_id, idempotency_key) DO NOTHING) " +
        "SELECT for_email, for_address FROM open";

    // Housekeeping without waiting on anyone: rows another checkout has locked are left for later.
    private const string PruneSql =
        "DELETE FROM guest_checkouts WHERE (cart_id, idempotency_key) IN " +
        "(SELECT cart_id, idempotency_key FROM guest_checkouts WHERE created_at <= $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)";

    private long _nextPruneTicks;

    /// <summary>
    /// Counts the guest's other open unpaid orders placed since <paramref name="now"/> minus
    /// <paramref name="window"/> (the guest payment timeout: older ones have expired), lets
    /// <paramref name="policy"/> judge them, and claims a slot for this checkout if it allows.
    /// </summary>
    /// <remarks>
    /// The locks, the count and the claim go to the server as one batch, which PostgreSQL runs as one implicit
    /// transaction: the locks are held for the server's work and the commit only, never while this process waits
    /// for a CPU between round trips (many shoppers behind one address would otherwise queue on the address lock).
    /// </remarks>
    /// <exception cref="GuestLimitException">The email or the address has too many open unpaid orders; nothing is claimed.</exception>
    public async Task ClaimAsync(GuestCheckoutPolicy policy, string cartId, string idempotencyKey, string email, string clientAddress,
        DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        email = Normalize(email);
        var since = (now - window).ToUniversalTime();
        long forEmail, forAddress;
        await using (var batch = dataSource.CreateBatch())
        {
            // Always email first, then address: two checkouts never wait on each other in opposite order.
            batch.BatchCommands.Add(Lock(EmailLock, email));
            batch.BatchCommands.Add(Lock(AddressLock, clientAddress));
            var claim = new NpgsqlBatchCommand(ClaimSql);
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientAddress });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cartId });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
            claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = policy.Limits.MaxOpenOrdersPerEmail });
            claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = policy.Limits.MaxOpenOrdersPerClientAddress });
            batch.BatchCommands.Add(claim);

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            // The two lock results come first.
            await reader.NextResultAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            forEmail = reader.GetInt64(0);
            forAddress = reader.GetInt64(1);
        }

        // Throws exactly when the claim above inserted nothing for the limits.
        policy.CheckOpenOrders((int)Math.Min(forEmail, int.MaxValue), (int)Math.Min(forAddress, int.MaxValue));
        await PruneIfDueAsync(now, since, cancellationToken);
    }

    /// <summary>
    /// Links the slot to the order the checkout created, so it stops counting once the order is paid or expires. Through
    /// the process's <see cref="GroupCommitter"/>: under load it shares a transaction with other writes.
    /// </summary>
    public Task CompleteAsync(string cartId, string idempotencyKey, string orderId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return committer.CommitAsync(GroupCommitStatements.Single($"guest_checkouts:{cartId}\u0001{idempotencyKey}",
            "UPDATE guest_checkouts SET order_id = $3 WHERE cart_id = $1 AND idempotency_key = $2", cartId, idempotencyKey, orderId));
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

    private static NpgsqlBatchCommand Lock(int lockClass, string value)
    {
        var command = new NpgsqlBatchCommand(LockSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = lockClass });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return command;
    }

    private async Task PruneIfDueAsync(DateTimeOffset now, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        // One caller per period wins the slot; the others go on without waiting.
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).UtcTicks, due) != due)
        {
            return;
        }

        await using var prune = dataSource.CreateCommand(PruneSql);
        prune.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        await prune.ExecuteNonQueryAsync(cancellationToken);
    }
}
