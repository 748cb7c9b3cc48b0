namespace PacificEdge.Silo.Health.Detail;

/// <summary>Thresholds of <c>/health/detail</c> (section <c>Health:Detail</c>).</summary>
public sealed class HealthDetailOptions
{
    public const string SectionName = "Health:Detail";

    /// <summary>How long each partner probe (SMTP, shipping, payments) may take before it counts as unreachable. Default 3 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Degraded when a due reminder has waited longer than this. Default 5 minutes (reminders fire again every Commerce:ReminderPeriod, 1 minute).</summary>
    public TimeSpan ReminderLagThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Degraded when the oldest unprocessed webhook event has waited longer than this. Default 5 minutes.</summary>
    public TimeSpan WebhookBacklogThreshold { get; set; } = TimeSpan.FromMinutes(5);
}
