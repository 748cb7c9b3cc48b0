using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PacificEdge.Silo.Tests.Chaos;
using PacificEdge.Silo.Tests.Cluster;
using PacificEdge.Testing;
using Xunit.Abstractions;

namespace PacificEdge.Silo.Tests.Backup;

/// <summary>
/// The restore drill, end to end: a running store (silo + web processes) with orders in several states, wallets with
/// ledgers and stored webhooks is backed up with scripts/backup.sh, restored with scripts/restore.sh into a new
/// database, and a new cluster (new ClusterId, same ServiceId) booted on it must hold everything and keep working:
/// the unpaid order still expires (its reminder was restored and fires there), the paid one can be refunded.
/// </summary>
public sealed class BackupRestoreTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private const string AdminEmail = "backup-admin@example.test";
    private const string AdminPassword = "backup-admin-password-not-a-secret";
    private const string CustomerPassword = "backup-shopper-password-2026";

    // Grain state and reminder rows are keyed by the ServiceId: the restored cluster must use the same one.
    private readonly string _serviceId = $"bk{Guid.NewGuid():N}"[..16];
    private readonly string _directory = Directory.CreateTempSubdirectory("pe-backup-drill-").FullName;
    private readonly List<HttpClient> _clients = [];
    private readonly ShopperLog _log = new();

    private static readonly object ShipTo = new { name = "Backup Shopper", line1 = "1 Restore Rd", city = "Portland", postalCode = "97201", country = "US" };

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_restored_backup_holds_every_order_ledger_and_webhook_and_its_reminders_still_fire()
    {
        var sourceDb = await database.CreateExtraDatabaseAsync();
        // The silos mail for real, here: registration links are read from the received emails.
        await using var smtp = await InProcessSmtpServer.StartAsync();
        var restoredName = $"{database.DatabaseName}_restored";
        var restoredDb = database.Server.ConnectionStringFor(restoredName);
        try
        {
            Before before;
            string backupFile;
            await using (var original = await StartAsync(sourceDb, seed: true, smtp))
            {
                try
                {
                    before = await BuildTheBooksAsync(original, smtp);
                    var backup = await BackupScripts.BackupAsync(sourceDb, _directory);
                    Assert.True(backup.ExitCode == 0, backup.ToString());
                    backupFile = backup.Output;
                    output.WriteLine($"backup: {new FileInfo(backupFile).Length} bytes in {backup.Elapsed.TotalSeconds:F1} s");
                }
                catch
                {
                    original.DumpOutput(output);
                    throw;
                }
            }

            // Restore into a database that does not exist yet (restore.sh creates it).
            var restore = await BackupScripts.RestoreAsync(backupFile, restoredDb);
            Assert.True(restore.ExitCode == 0, restore.ToString());

            // The unpaid order's expiry reminder is in the restored reminder table: if the order expires below, the
            // restored system fired it (it had not fired when the dump was taken).
            Assert.True(await WakeUpRowsAsync(restoredDb, before.Unpaid) > 0, $"no stored wake-up (payment deadline) for the unpaid order {before.Unpaid} in the restored database");

            var boot = Stopwatch.StartNew();
            await using var restored = await StartAsync(restoredDb, seed: false, smtp);
            try
            {
                var bootTime = boot.Elapsed;
                output.WriteLine($"restore.sh: {restore.Elapsed.TotalSeconds:F1} s; silo + web ready on the restored database: {bootTime.TotalSeconds:F1} s; " +
                                 $"restore + boot: {(restore.Elapsed + bootTime).TotalSeconds:F1} s; database {await DatabaseSizeAsync(restoredName)} bytes");
                await AssertTheBooksAsync(restored, before);
            }
            catch
            {
                restored.DumpOutput(output);
                throw;
            }
        }
        finally
        {
            await database.Server.DropDatabaseAsync(restoredName);
        }
    }

    /// <summary>What the store held when the backup was taken.</summary>
    private sealed record Before(
        IReadOnlyDictionary<string, StoreBooks.OrderState> Orders,
        IReadOnlyDictionary<string, string> Ledgers,
        IReadOnlyDictionary<string, int> Balances,
        IReadOnlyDictionary<long, string> Webhooks,
        string Refunded,
        string Paid,
        string PaidCustomer,
        string PaidCustomerEmail,
        string Unpaid,
        decimal PaidTotal,
        IReadOnlyList<string> Skus);

    private async Task<Before> BuildTheBooksAsync(ProcessCluster cluster, InProcessSmtpServer smtp)
    {
        var admin = await SignInAdminAsync(cluster);
        var skus = await Eventually.WaitAsync(
            async () => (await admin.Books.StockAsync()).Where(s => s.Available > 10).Select(s => s.Sku).Order(StringComparer.Ordinal).Take(2).ToList(),
            s => s.Count == 2, "the seeded catalog", TimeSpan.FromSeconds(60));

        // Two registered customers with a paid order each (points earned); one order is then refunded (points clawed back).
        var alice = await RegisterAsync(cluster, smtp, "alice");
        var bob = await RegisterAsync(cluster, smtp, "bob");
        var refunded = await PlaceOrderAsync(alice.Client, skus[0], 2, alice.Email);
        var paid = await PlaceOrderAsync(bob.Client, skus[1], 1, bob.Email);
        await PayAsync(alice.Client, refunded);
        await PayAsync(bob.Client, paid);
        await WaitForPaymentAsync(admin.Books, refunded, "Paid");
        await WaitForPaymentAsync(admin.Books, paid, "Paid");
        await RefundAsync(admin, refunded);
        await WaitForPaymentAsync(admin.Books, refunded, "Refunded");

        // Every stored webhook processed, every list row caught up: a quiet store, so the comparison is exact.
        var webhooks = await Eventually.WaitAsync(() => WebhooksAsync(admin), w => w.Count >= 3 && w.Values.All(s => s == "Processed"),
            "the payment and refund webhooks to be processed", TimeSpan.FromSeconds(90));
        var ledgers = new Dictionary<string, string>();
        var balances = new Dictionary<string, int>();
        // Alice's ledger: points earned, then clawed back by the refund; Bob's: points earned.
        foreach (var (customer, clawedBack) in new[] { (alice.Id, true), (bob.Id, false) })
        {
            var wallet = await Eventually.WaitAsync(() => WalletAsync(admin, customer),
                w => w.GetProperty("held").GetInt32() == 0
                     && w.GetProperty("ledger").EnumerateArray().Any(e => e.GetProperty("points").GetInt32() > 0)
                     && (!clawedBack || w.GetProperty("ledger").EnumerateArray().Any(e => e.GetProperty("points").GetInt32() < 0)),
                $"{customer}'s ledger", TimeSpan.FromSeconds(60));
            ledgers[customer] = wallet.GetProperty("ledger").GetRawText();
            balances[customer] = wallet.GetProperty("balance").GetInt32();
        }

        // Last, so it is still unpaid (its expiry reminder pending) when the dump runs right after.
        var unpaid = await PlaceOrderAsync(NewClient(cluster), skus[0], 1, $"guest-{Guid.NewGuid():N}@example.test");
        var orders = new Dictionary<string, StoreBooks.OrderState>();
        foreach (var id in new[] { refunded, paid, unpaid })
        {
            orders[id] = (await admin.Books.OrderAsync(id))!;
        }

        Assert.Equal("Pending", orders[unpaid].Payment);
        var paidTotal = AmountOf((await GetJsonAsync(admin, $"/api/admin/orders/{paid}")).GetProperty("total"));
        return new Before(orders, ledgers, balances, webhooks, refunded, paid, bob.Id, bob.Email, unpaid, paidTotal, skus);
    }

    private async Task AssertTheBooksAsync(ProcessCluster cluster, Before before)
    {
        var admin = await SignInAdminAsync(cluster);

        // Every order as it was (the unpaid one may already have expired: checked below). Fulfilment may have moved
        // on between our read and the dump (shipment effects run on their own), never back.
        foreach (var (id, was) in before.Orders.Where(o => o.Key != before.Unpaid))
        {
            var now = await admin.Books.OrderAsync(id);
            Assert.True(now is not null, $"order {id} is missing after the restore");
            Assert.Equal((was.Payment, was.CustomerId), (now!.Payment, now.CustomerId));
            Assert.Equal(was.Lines, now.Lines);
            Assert.True(now.Version > was.Version || (now.Version == was.Version && now.Fulfilment == was.Fulfilment),
                $"order {id} was v{was.Version} {was.Fulfilment}, restored v{now.Version} {now.Fulfilment}");
        }

        var rows = await admin.Books.OrderRowsAsync();
        Assert.Subset(rows.Select(r => r.OrderId).ToHashSet(), before.Orders.Keys.ToHashSet());

        // Every wallet and its ledger, entry for entry.
        foreach (var (customer, ledger) in before.Ledgers)
        {
            var wallet = await WalletAsync(admin, customer);
            Assert.Equal(before.Balances[customer], wallet.GetProperty("balance").GetInt32());
            Assert.Equal(ledger, wallet.GetProperty("ledger").GetRawText());
        }

        // Every stored webhook, with its status.
        var webhooks = await WebhooksAsync(admin);
        foreach (var (id, status) in before.Webhooks)
        {
            Assert.True(webhooks.TryGetValue(id, out var now) && now == status, $"webhook {id} ({status}) is {(now ?? "missing")} after the restore");
        }

        // The unpaid order expires on the restored system: its reminder was restored and fires there.
        var expired = await Eventually.WaitAsync(async () => (await admin.Books.OrderAsync(before.Unpaid))!, o => o.Payment != "Pending",
            $"the unpaid order {before.Unpaid} to expire on the restored system", TimeSpan.FromMinutes(3));
        Assert.Equal("Expired", expired.Payment);

        // The paid order, restored as Paid, is refunded through the admin API: the payment sandbox keeps its payments in
        // PostgreSQL, so the payment taken before the backup is in the dump and the gateway knows it.
        var refund = await TryRefundAsync(admin, before.Paid, before.PaidTotal);
        Assert.True(refund.Status == HttpStatusCode.OK, $"refund {before.Paid}: {refund}");
        await WaitForPaymentAsync(admin.Books, before.Paid, "Refunded");

        // The restored system takes, pays and refunds an order of a restored customer: the refund path works, new
        // webhooks are stored (the restored id sequence goes on) and processed, and the customer's wallet earns and
        // gives back points on top of the restored ledger.
        var shopper = await SignInAsync(cluster, before.PaidCustomerEmail);
        var balance = (await WalletAsync(admin, before.PaidCustomer)).GetProperty("balance").GetInt32();
        var order = await PlaceOrderAsync(shopper, before.Skus[1], 1, before.PaidCustomerEmail);
        await PayAsync(shopper, order);
        await WaitForPaymentAsync(admin.Books, order, "Paid");
        var earned = await Eventually.WaitAsync(() => WalletAsync(admin, before.PaidCustomer), w => w.GetProperty("balance").GetInt32() > balance,
            "points for the order paid on the restored system", TimeSpan.FromSeconds(60));
        var ledgerNow = earned.GetProperty("ledger").EnumerateArray().Select(e => e.GetRawText()).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(ledgerNow, JsonDocument.Parse(before.Ledgers[before.PaidCustomer]).RootElement.EnumerateArray().Select(e => e.GetRawText()).ToHashSet(StringComparer.Ordinal));
        await RefundAsync(admin, order);
        await WaitForPaymentAsync(admin.Books, order, "Refunded");
        var after = await Eventually.WaitAsync(() => WebhooksAsync(admin), w => w.Count >= before.Webhooks.Count + 2 && w.Values.All(s => s == "Processed"),
            "the payment and refund webhooks on the restored system to be processed", TimeSpan.FromSeconds(90));
        Assert.True(after.Keys.Max() > before.Webhooks.Keys.Max(), "new webhooks did not get new ids");
        await Eventually.WaitAsync(() => WalletAsync(admin, before.PaidCustomer), w => w.GetProperty("balance").GetInt32() == balance,
            "the refunded order's points to be clawed back", TimeSpan.FromSeconds(60));
        output.WriteLine($"restored: {before.Orders.Count} orders, {before.Ledgers.Count} wallets, {before.Webhooks.Count} webhooks; " +
                         $"unpaid order expired; new order {order} paid and refunded on the restored system");
    }

    private async Task<ProcessCluster> StartAsync(string connectionString, bool seed, InProcessSmtpServer smtp)
    {
        var common = new Dictionary<string, string>
        {
            ["Orleans:ServiceId"] = _serviceId,
            // A guest's unpaid order expires after a minute; one-shot reminders fire every 5 s until done.
            ["Commerce:GuestCheckout:PaymentTimeout"] = "00:01:00",
            ["Commerce:ReminderPeriod"] = "00:00:05",
        };
        var silo = new Dictionary<string, string>(common)
        {
            ["Commerce:Demo:Seed"] = seed ? "true" : "false",
            ["Commerce:EffectRetryDelay"] = "00:00:05",
        };
        foreach (var (key, value) in smtp.RelaySettings())
        {
            silo[key] = value;
        }

        var web = new Dictionary<string, string>(common)
        {
            ["PACIFICEDGE_ADMIN_EMAIL"] = AdminEmail,
            ["PACIFICEDGE_ADMIN_PASSWORD"] = AdminPassword,
            ["Frontend:RateLimits:AdminPerMinute"] = "100000",
        };
        return await ProcessCluster.StartAsync(connectionString, silos: 1, output, silo, web);
    }

    private sealed record Admin(RetryingClient Client, StoreBooks Books);

    private async Task<Admin> SignInAdminAsync(ProcessCluster cluster)
    {
        var client = new RetryingClient(NewClient(cluster), _log);
        return new Admin(client, await StoreBooks.SignInAsync(client, AdminEmail, AdminPassword));
    }

    private sealed record Customer(HttpClient Client, string Email, string Id);

    private async Task<Customer> RegisterAsync(ProcessCluster cluster, InProcessSmtpServer smtp, string name)
    {
        var http = NewClient(cluster);
        var email = $"{name}-{Guid.NewGuid():N}@example.test";
        var id = await EmailedRegistration.RegisterAsync(http, smtp, email, CustomerPassword);
        return new Customer(http, email, id);
    }

    private async Task<string> PlaceOrderAsync(HttpClient http, string sku, int quantity, string email)
    {
        var client = new RetryingClient(http, _log);
        var cart = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/carts"), CancellationToken.None);
        Assert.True(cart is { Status: HttpStatusCode.Created }, $"new cart: {cart}");
        var cartId = JsonDocument.Parse(cart!.Value.Body).RootElement.GetProperty("cartId").GetString()!;
        var line = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/lines") { Content = JsonContent.Create(new { sku, quantity }) },
            CancellationToken.None);
        Assert.True(line is { Status: HttpStatusCode.OK or HttpStatusCode.Created }, $"cart line: {line}");
        if (QuantityOf(line!.Value.Body, sku) != quantity)
        {
            // A resend after a lost answer added twice; setting the quantity is idempotent.
            var set = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"/api/carts/{cartId}/lines/{sku}") { Content = JsonContent.Create(new { quantity }) },
                CancellationToken.None);
            Assert.True(set is { Status: HttpStatusCode.OK }, $"cart quantity: {set}");
        }

        var key = Guid.NewGuid().ToString("N");
        var checkout = await client.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout") { Content = JsonContent.Create(new { email, shipTo = ShipTo }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }, CancellationToken.None);
        Assert.True(checkout is { Status: HttpStatusCode.Created }, $"checkout: {checkout}");
        return JsonDocument.Parse(checkout!.Value.Body).RootElement.GetProperty("orderId").GetString()!;
    }

    private static int QuantityOf(string cartJson, string sku)
        => JsonDocument.Parse(cartJson).RootElement.GetProperty("lines").EnumerateArray()
            .Where(l => l.GetProperty("sku").GetString() == sku).Sum(l => l.GetProperty("quantity").GetInt32());

    private async Task PayAsync(HttpClient http, string orderId)
    {
        using var pay = await http.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { cardToken = "tok_visa" });
        Assert.True(pay.StatusCode == HttpStatusCode.Accepted, $"pay {orderId}: {(int)pay.StatusCode} {await pay.Content.ReadAsStringAsync()}");
    }

    private async Task RefundAsync(Admin admin, string orderId)
    {
        var refund = await TryRefundAsync(admin, orderId, AmountOf((await GetJsonAsync(admin, $"/api/admin/orders/{orderId}")).GetProperty("total")));
        Assert.True(refund.Status == HttpStatusCode.OK, $"refund {orderId}: {refund}");
    }

    private static async Task<(HttpStatusCode Status, string Body)> TryRefundAsync(Admin admin, string orderId, decimal amount)
    {
        var refund = await admin.Client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/admin/orders/{orderId}/refund")
        {
            Content = JsonContent.Create(new { amount, reason = "backup drill" }),
        }, CancellationToken.None);
        Assert.True(refund is not null, $"refund {orderId}: no answer");
        return refund!.Value;
    }

    private async Task<HttpClient> SignInAsync(ProcessCluster cluster, string email)
    {
        var http = NewClient(cluster);
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = CustomerPassword });
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"sign-in of {email} on the restored system: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        return http;
    }

    private static Task WaitForPaymentAsync(StoreBooks books, string orderId, string payment)
        => Eventually.WaitAsync(async () => (await books.OrderAsync(orderId))?.Payment, p => p == payment, $"order {orderId} to be {payment}", TimeSpan.FromSeconds(90));

    private static async Task<JsonElement> WalletAsync(Admin admin, string customerId) => await GetJsonAsync(admin, $"/api/admin/customers/{customerId}/points");

    private static async Task<IReadOnlyDictionary<long, string>> WebhooksAsync(Admin admin)
        => (await GetJsonAsync(admin, "/api/admin/webhooks?limit=500")).EnumerateArray()
            .ToDictionary(w => w.GetProperty("id").GetInt64(), w => w.GetProperty("status").GetString()!);

    private static async Task<JsonElement> GetJsonAsync(Admin admin, string path)
    {
        var answer = await admin.Client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), CancellationToken.None);
        Assert.True(answer is { Status: HttpStatusCode.OK }, $"GET {path}: {answer}");
        return JsonDocument.Parse(answer!.Value.Body).RootElement.Clone();
    }

    private static decimal AmountOf(JsonElement money) => money.ValueKind == JsonValueKind.Object
        ? money.GetProperty("amount").GetDecimal()
        : money.GetDecimal();

    private static async Task<long> WakeUpRowsAsync(string connectionString, string orderId)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from grain_storage where grain_type = 'order' and grain_key like '%' || @id and wake_up_at is not null", connection);
        command.Parameters.AddWithValue("id", orderId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> DatabaseSizeAsync(string name)
    {
        await using var connection = new NpgsqlConnection(database.Server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_database_size(@name)", connection);
        command.Parameters.AddWithValue("name", name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private HttpClient NewClient(ProcessCluster cluster)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = cluster.Web.Http.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _clients.Add(client);
        return client;
    }
}
