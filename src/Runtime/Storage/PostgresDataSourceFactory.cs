using Npgsql;

namespace PacificEdge.Runtime.Storage;

/// <summary>
/// Builds the runtime's <see cref="NpgsqlDataSource"/>. The runtime's statements are few and
/// repeated millions of times, so unless the connection string says otherwise they are
/// auto-prepared, and pooled connections are not reset (the runtime never changes session state).
/// </summary>
public static class PostgresDataSourceFactory
{
    /// <summary>Creates a data source with the runtime's defaults applied where the connection string is silent.</summary>
    public static NpgsqlDataSource Create(string connectionString)
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

        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    private static bool Mentions(string connectionString, string keyword)
        => connectionString.Contains(keyword, StringComparison.OrdinalIgnoreCase)
           || connectionString.Contains(keyword.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
