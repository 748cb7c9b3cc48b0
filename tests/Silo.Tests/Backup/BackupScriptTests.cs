using Npgsql;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests.Backup;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh on a small database: the refusals and failures an operator must be able to
/// trust (non-empty target, corrupt file, failed dump) and the retention. The full drill on a running store is
/// <see cref="BackupRestoreTests"/>.
/// </summary>
public sealed class BackupScriptTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pe-backup-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Restore_refuses_a_non_empty_target_unless_forced_and_a_corrupt_file_always()
    {
        var source = await CreateDatabaseWithRowsAsync(3);
        var backup = await BackupScripts.BackupAsync(source, _directory);
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var file = backup.Output;
        Assert.True(File.Exists(file) && File.Exists(file + ".sha256"), backup.ToString());
        Assert.Empty(Directory.GetFiles(_directory, "*.partial"));

        // A non-empty target (here: a database with other rows) is refused and left as it was.
        var occupied = await CreateDatabaseWithRowsAsync(7);
        var refused = await BackupScripts.RestoreAsync(file, occupied);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("not empty", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(7, await CountAsync(occupied));

        // --force drops and recreates it: the backup's rows, and only those.
        var forced = await BackupScripts.RestoreAsync(file, occupied, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(3, await CountAsync(occupied));

        // A missing target is created.
        var fresh = database.Server.ConnectionStringFor($"{database.DatabaseName}_new");
        try
        {
            var created = await BackupScripts.RestoreAsync(file, fresh);
            Assert.True(created.ExitCode == 0, created.ToString());
            Assert.Equal(3, await CountAsync(fresh));
        }
        finally
        {
            await database.Server.DropDatabaseAsync($"{database.DatabaseName}_new");
        }

        // One flipped byte: the checksum fails and nothing is created.
        var corrupt = Path.Combine(_directory, "corrupt.dump");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(corrupt, bytes);
        File.Copy(file + ".sha256", corrupt + ".sha256");
        var target = database.Server.ConnectionStringFor($"{database.DatabaseName}_corrupt");
        var mismatch = await BackupScripts.RestoreAsync(corrupt, target);
        Assert.True(mismatch.ExitCode != 0, mismatch.ToString());
        Assert.Contains("checksum mismatch", mismatch.Error, StringComparison.Ordinal);
        Assert.False(await DatabaseExistsAsync($"{database.DatabaseName}_corrupt"), "a database was created from a corrupt file");

        // No checksum file: refused too.
        File.Delete(corrupt + ".sha256");
        var unverifiable = await BackupScripts.RestoreAsync(corrupt, target);
        Assert.True(unverifiable.ExitCode != 0, unverifiable.ToString());
        Assert.Contains("no checksum file", unverifiable.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_deletes_only_its_own_old_files_and_a_failed_dump_leaves_nothing()
    {
        var source = await CreateDatabaseWithRowsAsync(1);
        var old = Path.Combine(_directory, "pacificedge-old-20200101T000000Z.dump");
        var recent = Path.Combine(_directory, "pacificedge-old-20990101T000000Z.dump");
        var foreign = Path.Combine(_directory, "someone-elses.dump");
        foreach (var path in new[] { old, old + ".sha256", recent, recent + ".sha256", foreign })
        {
            await File.WriteAllTextAsync(path, "x");
        }

        foreach (var path in new[] { old, old + ".sha256", foreign })
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-31));
        }

        File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddDays(-29));
        var backup = await BackupScripts.BackupAsync(source, _directory, "--keep-days", "30");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.False(File.Exists(old) || File.Exists(old + ".sha256"), "a backup older than the retention was kept");
        Assert.True(File.Exists(recent) && File.Exists(foreign) && File.Exists(backup.Output), backup.ToString());

        // A dump that fails (no such database) exits non-zero and leaves no file behind.
        var before = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToList();
        var failed = await BackupScripts.BackupAsync(database.Server.ConnectionStringFor("no_such_database"), _directory);
        Assert.True(failed.ExitCode != 0, failed.ToString());
        Assert.Contains("pg_dump failed", failed.Error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToList());

        // Without a database the script says so.
        var missing = await BackupScripts.RunAsync("backup.sh", ["--dir", _directory], connectionString: null);
        Assert.True(missing.ExitCode != 0 && missing.Error.Contains("PACIFICEDGE_DB", StringComparison.Ordinal), missing.ToString());
    }

    private async Task<string> CreateDatabaseWithRowsAsync(int rows)
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var connection = new NpgsqlConnection(NoPool(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"create table items (id int primary key, name text not null); insert into items select g, 'item ' || g from generate_series(1, {rows}) g;", connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(NoPool(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from items", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // restore.sh --force drops databases under this process's feet: never reuse a pooled connection to them.
    private static string NoPool(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(database.Server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_database where datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
