using Npgsql;

namespace PacificEdge.Persistence;

/// <summary>
/// Builds the process's <see cref="NpgsqlDataSource"/>. Grain storage, clustering and reminder statements are few and
/// repeated millions of times, so unless the connection string says otherwise they are
/// auto-prepared, and pooled connections are not reset (none of our code changes session state).
/// </summary>
public static class PostgresDataSourceFactory
{
    /// <summary>Creates a data source with these defaults applied where the connection string is silent.</summary>
    public static NpgsqlDataSource Create(string connectionString)
        => new NpgsqlDataSourceBuilder(Tune(connectionString)).Build();

    /// <summary>
    /// The connection string with these defaults applied where it is silent. Orleans' ADO.NET clustering and
    /// reminder providers open their own connections from a string: without this, every connection they return
    /// to the pool costs a <c>DISCARD ALL</c> round trip and transaction.
    /// </summary>
    public static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Mentions(connectionString, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, string keyword)
        => connectionString.Contains(keyword, StringComparison.OrdinalIgnoreCase)
           || connectionString.Contains(keyword.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
