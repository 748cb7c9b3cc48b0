namespace PacificEdge.Runtime;

/// <summary>A handle to a registered reminder.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique per grain.</summary>
    string ReminderName { get; }

    /// <summary>The period, or <see langword="null"/> for a one-shot reminder.</summary>
    TimeSpan? Period { get; }

    /// <summary>When it next falls due.</summary>
    DateTimeOffset NextDue { get; }
}
