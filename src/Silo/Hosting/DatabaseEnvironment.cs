namespace PacificEdge.Silo.Hosting;

/// <summary>Maps the PACIFICEDGE_DB variable (what scripts and operators set) onto the runtime's connection string setting.</summary>
public static class DatabaseEnvironment
{
    public const string VariableName = "PACIFICEDGE_DB";

    public static void Apply(ConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } connectionString)
        {
            configuration["Runtime:Postgres:ConnectionString"] = connectionString;
        }
    }
}
