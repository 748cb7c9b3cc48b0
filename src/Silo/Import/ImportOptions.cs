namespace PacificEdge.Silo.Import;

/// <summary>The <c>import</c> command's settings (section <c>Import</c>); folder and dry-run come from the command line.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>The folder holding the export's CSV files (first argument after <c>import</c>).</summary>
    public string Folder { get; set; } = string.Empty;

    /// <summary>Validate and report only; write nothing (<c>--dry-run</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>How long a set-your-password link works. Default 14 days.</summary>
    public TimeSpan SetPasswordLinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Rows written at once (grain calls and database statements). Default 8.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Currency of amounts that name none (no symbol, code or currency column). Default USD.</summary>
    public string DefaultCurrency { get; set; } = "USD";
}
