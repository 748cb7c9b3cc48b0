namespace PacificEdge.Runtime.Reminders;

/// <summary>Options for durable reminders (R8).</summary>
public sealed class ReminderOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runtime:Reminders";

    /// <summary>The shortest period a periodic reminder may have. Default 1 minute, as in Orleans; seconds in tests.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo looks for due reminders; a reminder fires at most this late. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the first retry of a tick whose handler threw; doubles per attempt. Default 1 s.</summary>
    public TimeSpan RetryInitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the retry delay. Default 5 minutes.</summary>
    public TimeSpan RetryMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many ticks this silo delivers at once. Default 64.</summary>
    public int MaxConcurrentTicks { get; set; } = 64;

    /// <summary>How many due reminders one poll reads. Default 500.</summary>
    public int BatchSize { get; set; } = 500;
}
