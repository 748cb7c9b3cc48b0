using PacificEdge.Silo.Tests.Cluster;

namespace PacificEdge.Silo.Tests.Chaos;

/// <summary>
/// After a chaos run, with the load stopped and the cluster whole again: the books must balance. Effects run
/// asynchronously (an order's stock commit, its list row), so each check waits, within a bound, until it holds.
/// </summary>
public sealed class BooksAudit(StoreBooks books, ShopperLog log, int initialUnits, IReadOnlyList<string> customerIds)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    /// <summary>Runs every check; returns a one-line summary for the test output.</summary>
    public async Task<string> AssertBalancedAsync()
    {
        // No key answered with two different orders.
        Assert.True(log.KeysWithTwoOrders().Count == 0, $"keys with two orders: {string.Join("\n", log.KeysWithTwoOrders())}");
        Assert.True(log.UnexpectedAnswers.Count == 0, $"unexpected answers:\n{string.Join("\n", log.UnexpectedAnswers.Take(10))}");

        // Every order the store acknowledged exists; every accepted payment ends Paid.
        var orders = new Dictionary<string, StoreBooks.OrderState>();
        var paid = log.PaidOrders.ToHashSet();
        await Wait.UntilAsync(async () =>
        {
            foreach (var id in log.Orders.Keys.Where(id => !orders.TryGetValue(id, out var o) || (paid.Contains(id) && o.Payment != "Paid")))
            {
                if (await books.OrderAsync(id) is { } order)
                {
                    orders[id] = order;
                }
            }

            return log.Orders.Keys.All(id => orders.TryGetValue(id, out var o) && (!paid.Contains(id) || o.Payment == "Paid"));
        }, "every acknowledged order to exist and every accepted payment to be Paid", Bound,
            () => $"missing: {string.Join(", ", log.Orders.Keys.Where(id => !orders.ContainsKey(id)).Take(5))}; not Paid: " +
                  string.Join(", ", paid.Where(id => orders.TryGetValue(id, out var o) && o.Payment != "Paid").Take(5).Select(id => $"{id} {orders[id].Payment}/{orders[id].Fulfilment}")));

        // The list holds every order once, and no more orders than keys could have made.
        var rows = await books.OrderRowsAsync();
        Assert.Equal(rows.Count, rows.Select(r => r.OrderId).Distinct().Count());
        var extra = rows.Where(r => !log.Orders.ContainsKey(r.OrderId)).ToList();
        Assert.True(extra.Count <= log.UnansweredKeys, $"{extra.Count} orders nobody was told about, but only {log.UnansweredKeys} checkout keys went unanswered");
        foreach (var row in extra)
        {
            orders[row.OrderId] = await books.OrderAsync(row.OrderId) ?? throw new Xunit.Sdk.XunitException($"listed order {row.OrderId} does not exist");
        }

        // Every order's list row catches up with the order (each within the bound; fulfilment may move on meanwhile).
        var caughtUp = new HashSet<string>();
        var lastRows = new Dictionary<string, StoreBooks.OrderRow>();
        var rowsCaughtUp = Wait.UntilAsync(async () =>
        {
            var current = (await books.OrderRowsAsync()).ToDictionary(r => r.OrderId);
            foreach (var (id, row) in current)
            {
                lastRows[id] = row;
            }

            foreach (var id in orders.Keys.Where(id => !caughtUp.Contains(id)).ToList())
            {
                var order = await books.OrderAsync(id);
                orders[id] = order!;
                if (current.TryGetValue(id, out var row) && row.Payment == order!.Payment && row.Fulfilment == order.Fulfilment && row.Version == order.Version)
                {
                    caughtUp.Add(id);
                }
            }

            return caughtUp.Count == orders.Count;
        }, "every order's list row to match the order", Bound, () => $"{orders.Count - caughtUp.Count} rows behind, e.g. {string.Join(", ", orders.Keys.Where(id => !caughtUp.Contains(id)).Take(3))}");
        try
        {
            await rowsCaughtUp;
        }
        catch (Exception timeout) when (timeout is not OutOfMemoryException)
        {
            // Say why: the lagging orders' rows against the orders, and what each still owes.
            var details = new List<string>();
            foreach (var id in orders.Keys.Where(id => !caughtUp.Contains(id)).Take(3))
            {
                var row = lastRows.TryGetValue(id, out var r) ? $"{r.Payment}/{r.Fulfilment} v{r.Version}" : "no row";
                details.Add($"{id}: order {orders[id].Payment}/{orders[id].Fulfilment} v{orders[id].Version}, row {row}, effects {await books.EffectsAsync(id)}");
            }

            throw new Xunit.Sdk.XunitException($"{timeout.Message}\n{string.Join("\n", details)}");
        }

        // Stock: nothing oversold or lost, and sold / reserved agree with the orders.
        IReadOnlyList<StoreBooks.Stock> stock = [];
        string Mismatch()
        {
            var problems = new List<string>();
            foreach (var sku in stock)
            {
                var lines = orders.Values.SelectMany(o => o.Lines.Where(l => l.Sku == sku.Sku).Select(l => (Order: o, l.Quantity))).ToList();
                var sold = lines.Where(l => l.Order.Payment == "Paid" && l.Order.Fulfilment != "Cancelled").Sum(l => l.Quantity);
                var reserved = lines.Where(l => l.Order.Payment is "Pending" or "Failed" or "Authorized" && l.Order.Fulfilment != "Cancelled").Sum(l => l.Quantity);
                if (sku.OnHand + sku.Sold != initialUnits || sku.Reserved > sku.OnHand || sku.Available < 0 || sku.Sold != sold || sku.Reserved != reserved)
                {
                    problems.Add($"{sku} (orders: sold {sold}, reserved {reserved}, initial {initialUnits})");
                }
            }

            return string.Join("; ", problems);
        }

        await Wait.UntilAsync(async () =>
        {
            stock = await books.StockAsync();
            return Mismatch().Length == 0;
        }, "stock to balance with the orders", Bound, Mismatch);

        // Every wallet equals its ledger and holds nothing once no checkout is running.
        var wallets = new List<StoreBooks.Wallet>();
        foreach (var customer in customerIds)
        {
            var wallet = await books.WalletAsync(customer);
            wallets.Add(wallet);
            Assert.True(wallet.Balance == wallet.LedgerSum && wallet.Held == 0, $"{wallet}");
        }

        return $"{log.KeysTried} checkouts tried, {log.Orders.Count} acknowledged ({log.UnansweredKeys} unanswered, {extra.Count} of them made an order), " +
               $"{paid.Count} payments accepted, all Paid; {log.OutOfStock} refused out of stock; sold {stock.Sum(s => s.Sold)} units; " +
               $"{wallets.Sum(w => w.Balance)} points in {wallets.Count} wallets; {log.ServerErrors.Count} answers 5xx, {log.TransportFailures} cut off";
    }
}
