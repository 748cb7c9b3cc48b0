namespace PacificEdge.Silo.Hosting;

/// <summary>Maps the PACIFICEDGE_DB variable (what scripts and operators set) onto <c>Postgres:ConnectionString</c>.</summary>
public static class DatabaseEnvironment
{
    public const string VariableName = "PACIFICEDGE_DB";

    public const string ConnectionStringKey = "Postgres:ConnectionString";

    public static void Apply(ConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } connectionString)
        {
            configuration[ConnectionStringKey] = connectionString;
        }
    }
}
