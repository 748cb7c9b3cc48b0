using Npgsql;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Loyalty;

public abstract class WalletGrainTests(StorageKind storage)
{
    [Fact]
    public async Task Points_expire_per_lot_at_the_stored_wake_up_time()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync(), b => b.WithConfiguration("Commerce:Loyalty:LotLifetime", TimeSpan.FromSeconds(1)));
        var wallet = cluster.Client.GetGrain<ICustomerWalletGrain>("expiring");
        await wallet.EarnForOrder("ord_a", new Money(120.75m, "USD"));
        await wallet.Redeem("r1", 20, "spent some");

        var expired = await Eventually.WaitAsync(wallet.Get, w => w.Balance == 0, "the lot to expire");

        var entry = Assert.Single(expired.Ledger, e => e.Kind == LedgerEntryKind.Expire);
        Assert.Equal(-100, entry.Points);
        Assert.Null(expired.NextExpiry);
        AssertInvariant(expired);
    }

    [Fact]
    public async Task Earn_rounds_down_and_a_replay_never_credits_twice()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var wallet = cluster.Client.GetGrain<ICustomerWalletGrain>("earner");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => wallet.EarnForOrder("ord_x", new Money(99.99m, "USD"))));

        var view = await wallet.Get();
        Assert.Equal(99, view.Balance);
        Assert.Single(view.Ledger);
        AssertInvariant(view);
    }

    [Fact]
    public async Task Adjustments_need_a_reason_and_cannot_take_the_balance_below_zero()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var wallet = cluster.Client.GetGrain<ICustomerWalletGrain>("adjusted");
        await wallet.Adjust("a1", 40, "goodwill");

        await Assert.ThrowsAsync<ValidationException>(() => wallet.Adjust("a2", 10, " "));
        await Assert.ThrowsAsync<InsufficientPointsException>(() => wallet.Adjust("a3", -41, "correction"));
        var view = await wallet.Adjust("a4", -15, "correction");

        Assert.Equal(25, view.Balance);
        AssertInvariant(view);
    }

    [Fact]
    public async Task Opening_balance_import_is_idempotent_and_a_customer_is_referred_once()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var wallet = cluster.Client.GetGrain<ICustomerWalletGrain>("migrated");

        await wallet.ImportOpeningBalance("legacy-42", 300, DateTimeOffset.UtcNow.AddDays(-10));
        await wallet.ImportOpeningBalance("legacy-42", 300, DateTimeOffset.UtcNow.AddDays(-10));
        await wallet.SetReferrer("friend");
        await wallet.SetReferrer("friend");

        await Assert.ThrowsAsync<ConflictException>(() => wallet.SetReferrer("someone-else"));
        Assert.Equal("friend", await wallet.ClaimReferral("ord_1"));
        Assert.Null(await wallet.ClaimReferral("ord_2"));
        var view = await wallet.Get();
        Assert.Equal(300, view.Balance);
        AssertInvariant(view);
    }

    private static void AssertInvariant(WalletView wallet)
    {
        Assert.Equal(wallet.Ledger.Sum(e => e.Points), wallet.Balance);
        Assert.True(wallet.Balance >= 0);
    }
}

public sealed class MemoryWalletGrainTests() : WalletGrainTests(StorageKind.Memory);

public sealed class PostgresWalletGrainTests(PostgresDatabaseFixture database) : WalletGrainTests(StorageKind.Postgres(database)), IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task The_next_lot_expiry_is_stored_in_the_wallet_row_and_no_reminder_is_registered()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var cluster = await CommerceCluster.StartAsync(connectionString);
        var wallet = await cluster.Client.GetGrain<ICustomerWalletGrain>("stored-expiry").EarnForOrder("ord_b", new Money(50m, "USD"));

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var reminders = dataSource.CreateCommand("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE 'wallet/%'");
        await using var wakeUp = dataSource.CreateCommand("SELECT wake_up_at FROM grain_storage WHERE grain_type = 'wallet' AND grain_key LIKE '%stored-expiry'");
        var stored = new DateTimeOffset((DateTime)(await wakeUp.ExecuteScalarAsync())!);

        Assert.Equal(0L, await reminders.ExecuteScalarAsync());
        Assert.Equal(wallet.NextExpiry!.Value.UtcTicks / 10, stored.UtcTicks / 10); // timestamptz keeps microseconds
    }
}
