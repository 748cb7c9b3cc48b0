using Npgsql;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Support;

public static class DatabaseQueries
{
    public static async Task<T> QueryScalarAsync<T>(this PostgresDatabaseFixture database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
