using Npgsql;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Persistence.GroupCommit;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Integration.Email;

/// <summary>The shared contract against a real PostgreSQL database with the commerce migration applied; each test starts from an empty table.</summary>
public sealed class PostgresEmailLogTests(PostgresDatabaseFixture database) : EmailLogContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource? dataSource;
    private PostgresEmailLog? log;

    protected override IEmailLog Log => log ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await CommerceClusterBuilder.MigrateAsync(database.ConnectionString);
        await using (var truncate = dataSource.CreateCommand("TRUNCATE email_log RESTART IDENTITY"))
        {
            await truncate.ExecuteNonQueryAsync();
        }

        log = new PostgresEmailLog(dataSource, new GroupCommitter(dataSource, writers: 4, maxBatch: 64));
    }

    public async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_key_is_unique_in_the_table_itself()
    {
        await Log.InsertOrGetAsync(new NewEmailLogEntry("k:unique", NotificationKind.AbandonedCart, "a@example.com", "s", "t", "h"), T0, T0, default);
        await using var duplicate = dataSource!.CreateCommand(
            "INSERT INTO email_log (key, kind, recipient, subject, text_body, html_body) VALUES ('k:unique', 'AbandonedCart', 'b@example.com', 's', 't', 'h')");

        var error = await Assert.ThrowsAsync<PostgresException>(() => duplicate.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }
}
