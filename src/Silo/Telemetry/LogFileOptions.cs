namespace PacificEdge.Silo.Telemetry;

/// <summary>Where and how the process writes its log (section <c>Telemetry:Logging</c>).</summary>
public sealed class LogFileOptions
{
    public const string SectionName = "Telemetry:Logging";

    /// <summary>
    /// Rolling log file, e.g. <c>/var/log/pacificedge/pacificedge.log</c>; rolled files get <c>_001</c>, <c>_002</c>…
    /// Empty (the default): console only.
    /// </summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>A file is rolled when it reaches this size. Default 20 MiB.</summary>
    public long FileSizeLimitBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Files kept, the current one included; older ones are deleted. Default 5.</summary>
    public int RetainedFileCount { get; set; } = 5;

    /// <summary>
    /// Compact JSON (CLEF, one event a line) on the console and in the file instead of text. Default: on in the
    /// Production environment, off elsewhere.
    /// </summary>
    public bool? Json { get; set; }

    /// <summary>The settings that cannot work, one sentence each (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        if (FileSizeLimitBytes < 1024 * 1024)
        {
            yield return "Telemetry:Logging:FileSizeLimitBytes must be at least 1 MiB.";
        }

        if (RetainedFileCount is < 1 or > 100)
        {
            yield return "Telemetry:Logging:RetainedFileCount must be between 1 and 100.";
        }
    }
}
