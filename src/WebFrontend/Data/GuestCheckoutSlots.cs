using Npgsql;
using PacificEdge.Persistence.GroupCommit;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Data;

/// <summary>
/// Open unpaid guest orders per email and per client address, kept in <c>guest_checkouts</c> and
/// judged unpaid by the order projection. A checkout claims its slot (cart id + idempotency key)
/// before it runs, and a retry with the same key reuses its slot. No lock is taken: the slot is
/// committed first and the others counted after, so of two checkouts racing for the last place at
/// least one sees the other; both may be refused then, never both let through.
/// </summary>
public sealed class GuestCheckoutSlots(NpgsqlDataSource dataSource, GroupCommitter committer)
{
    // Slots that can no longer count (too old, or their order paid or cancelled) are pruned at most this often per
    // process, off the checkout's path, so the count reads little more than the open ones.
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(10);

    private const string ClaimSql =
        "INSERT INTO guest_checkouts (cart_id, idempotency_key, email, client_address, created_at) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (cart_id, idempotency_key) DO NOTHING";

    // An in-flight checkout (no order id yet) or an order not projected yet counts as open: the safe side.
    private const string OpenOrder = "(s.order_id IS NULL OR (s.payment IN ('Pending', 'Failed') AND s.fulfilment <> 'Cancelled'))";

    private const string CountSql =
        "SELECT count(*) FILTER (WHERE g.email = $1), count(*) FILTER (WHERE g.client_address = $2) " +
        "FROM guest_checkouts g LEFT JOIN order_summaries s ON s.order_id = g.order_id " +
        "WHERE (g.email = $1 OR g.client_address = $2) AND g.created_at > $3 " +
        "AND NOT (g.cart_id = $4 AND g.idempotency_key = $5) AND " + OpenOrder;

    // Housekeeping without waiting on anyone: rows another statement has locked are left for later.
    private const string PruneSql =
        "DELETE FROM guest_checkouts WHERE (cart_id, idempotency_key) IN " +
        "(SELECT g.cart_id, g.idempotency_key FROM guest_checkouts g LEFT JOIN order_summaries s ON s.order_id = g.order_id " +
        "WHERE g.created_at <= $1 OR (g.order_id IS NOT NULL AND NOT " + OpenOrder + ") LIMIT 5000 FOR UPDATE OF g SKIP LOCKED)";

    private long _nextPruneTicks;

    /// <summary>
    /// Claims a slot for this checkout, counts the guest's other open unpaid orders placed since <paramref name="now"/>
    /// minus <paramref name="window"/> (the guest payment timeout: older ones have expired), and lets
    /// <paramref name="policy"/> judge them; a refused claim gives its slot back.
    /// </summary>
    /// <remarks>
    /// Both statements go through the process's <see cref="GroupCommitter"/>: under load they share transactions with
    /// other writes, and many shoppers behind one address no longer queue on a lock.
    /// </remarks>
    /// <exception cref="GuestLimitException">The email or the address has too many open unpaid orders; no slot is kept.</exception>
    public async Task ClaimAsync(GuestCheckoutPolicy policy, string cartId, string idempotencyKey, string email, string clientAddress,
        DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        email = Normalize(email);
        var since = (now - window).ToUniversalTime();
        var slot = SlotOrder(cartId, idempotencyKey);

        // Committed before the count: from here on every other claim of this email or address counts this one.
        await committer.ExecuteAsync(slot, ClaimSql, cancellationToken, cartId, idempotencyKey, email, clientAddress, now.ToUniversalTime());
        var (forEmail, forAddress) = await committer.CommitAsync(new GroupCommitQuery<(long Email, long Address)>(
            slot,
            () => CountCommand(email, clientAddress, since, cartId, idempotencyKey),
            static async reader =>
            {
                await reader.ReadAsync().ConfigureAwait(false);
                return (reader.GetInt64(0), reader.GetInt64(1));
            }));

        try
        {
            policy.CheckOpenOrders((int)Math.Min(forEmail, int.MaxValue), (int)Math.Min(forAddress, int.MaxValue));
        }
        catch (GuestLimitException)
        {
            await ReleaseAsync(cartId, idempotencyKey, CancellationToken.None);
            throw;
        }

        await PruneIfDueAsync(now, since, cancellationToken);
    }

    /// <summary>
    /// Links the slot to the order the checkout created, so it stops counting once the order is paid or expires. Through
    /// the process's <see cref="GroupCommitter"/>: under load it shares a transaction with other writes.
    /// </summary>
    public Task CompleteAsync(string cartId, string idempotencyKey, string orderId, CancellationToken cancellationToken)
        => committer.ExecuteAsync(SlotOrder(cartId, idempotencyKey),
            "UPDATE guest_checkouts SET order_id = $3 WHERE cart_id = $1 AND idempotency_key = $2", cancellationToken, cartId, idempotencyKey, orderId);

    /// <summary>Frees the slot of a checkout a rule refused (no order was created).</summary>
    public async Task ReleaseAsync(string cartId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM guest_checkouts WHERE cart_id = $1 AND idempotency_key = $2 AND order_id IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cartId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The slot's place in a group commit (GroupCommitUnit.LockOrder).
    private static string SlotOrder(string cartId, string idempotencyKey) => $"guest_checkouts:{cartId}\u0001{idempotencyKey}";

    // Mailbox case and stray spaces must not make a second identity.
    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static NpgsqlBatchCommand CountCommand(string email, string clientAddress, DateTimeOffset since, string cartId, string idempotencyKey)
    {
        var command = new NpgsqlBatchCommand(CountSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientAddress });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cartId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
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
