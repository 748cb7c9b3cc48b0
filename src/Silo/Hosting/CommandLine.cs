namespace PacificEdge.Silo.Hosting;

/// <summary>
/// Reads the process mode from the first argument or PACIFICEDGE_MODE; every other argument is
/// left for ASP.NET Core (e.g. --urls).
/// </summary>
public static class CommandLine
{
    public static (ProcessMode Mode, string[] HostArguments) Parse(string[] args, string? modeVariable)
    {
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            return (ParseMode(args[0]), args[1..]);
        }

        return (string.IsNullOrWhiteSpace(modeVariable) ? ProcessMode.Cohosted : ParseMode(modeVariable), args);
    }

    private static ProcessMode ParseMode(string value) => value.Trim().ToLowerInvariant() switch
    {
        "cohosted" => ProcessMode.Cohosted,
        "silo" => ProcessMode.Silo,
        "migrate" => ProcessMode.Migrate,
        _ => throw new ArgumentException($"Unknown mode '{value}'. Use one of: cohosted, silo, migrate."),
    };
}
