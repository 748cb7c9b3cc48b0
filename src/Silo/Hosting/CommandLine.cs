namespace PacificEdge.Silo.Hosting;

/// <summary>
/// Reads the process mode from the first argument or PACIFICEDGE_MODE, and <c>--seed-demo</c>
/// (same as Commerce:Demo:Seed=true); every other argument is left for ASP.NET Core (e.g. --urls).
/// </summary>
public static class CommandLine
{
    public const string SeedDemoFlag = "--seed-demo";

    public static (ProcessMode Mode, string[] HostArguments) Parse(string[] args, string? modeVariable)
    {
        var rest = args.Select(a => a == SeedDemoFlag ? "--Commerce:Demo:Seed=true" : a).ToArray();
        if (rest.Length > 0 && !rest[0].StartsWith('-'))
        {
            return (ParseMode(rest[0]), rest[1..]);
        }

        return (string.IsNullOrWhiteSpace(modeVariable) ? ProcessMode.Cohosted : ParseMode(modeVariable), rest);
    }

    private static ProcessMode ParseMode(string value) => value.Trim().ToLowerInvariant() switch
    {
        "cohosted" => ProcessMode.Cohosted,
        "silo" => ProcessMode.Silo,
        "web" => ProcessMode.Web,
        "migrate" => ProcessMode.Migrate,
        "remove-demo" => ProcessMode.RemoveDemo,
        "create-admin" => ProcessMode.CreateAdmin,
        _ => throw new ArgumentException($"Unknown mode '{value}'. Use one of: cohosted, silo, migrate, remove-demo, web, create-admin."),
    };
}
