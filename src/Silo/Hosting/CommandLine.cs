namespace PacificEdge.Silo.Hosting;

/// <summary>
/// Reads the process mode from the first argument or PACIFICEDGE_MODE, and <c>--seed-demo</c>
/// (same as Commerce:Demo:Seed=true); every other argument is left for ASP.NET Core (e.g. --urls). For <c>import</c>,
/// the folder (first argument after the mode) becomes Import:Folder and <c>--dry-run</c> Import:DryRun=true.
/// </summary>
public static class CommandLine
{
    public const string SeedDemoFlag = "--seed-demo";
    public const string DryRunFlag = "--dry-run";

    public static (ProcessMode Mode, string[] HostArguments) Parse(string[] args, string? modeVariable)
    {
        var rest = args.Select(a => a == SeedDemoFlag ? "--Commerce:Demo:Seed=true" : a).ToArray();
        if (rest.Length > 0 && !rest[0].StartsWith('-'))
        {
            var mode = ParseMode(rest[0]);
            return (mode, mode == ProcessMode.Import ? ImportArguments(rest[1..]) : rest[1..]);
        }

        return (string.IsNullOrWhiteSpace(modeVariable) ? ProcessMode.Cohosted : ParseMode(modeVariable), rest);
    }

    private static string[] ImportArguments(string[] args)
    {
        var folder = args.FirstOrDefault(a => !a.StartsWith('-'));
        var rest = args.Where(a => a != folder).Select(a => a == DryRunFlag ? "--Import:DryRun=true" : a);
        return folder is null ? [.. rest] : [$"--Import:Folder={folder}", .. rest];
    }

    private static ProcessMode ParseMode(string value) => value.Trim().ToLowerInvariant() switch
    {
        "cohosted" => ProcessMode.Cohosted,
        "silo" => ProcessMode.Silo,
        "web" => ProcessMode.Web,
        "migrate" => ProcessMode.Migrate,
        "remove-demo" => ProcessMode.RemoveDemo,
        "create-admin" => ProcessMode.CreateAdmin,
        "import" => ProcessMode.Import,
        _ => throw new ArgumentException($"Unknown mode '{value}'. Use one of: cohosted, silo, migrate, remove-demo, web, create-admin, import."),
    };
}
