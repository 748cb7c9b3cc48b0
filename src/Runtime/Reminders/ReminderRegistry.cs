using Microsoft.Extensions.Options;

namespace PacificEdge.Runtime.Reminders;

/// <summary>The grain-facing reminder API behind <see cref="Grain"/>'s reminder methods: validates and stores.</summary>
internal sealed class ReminderRegistry(IReminderTable table, IOptions<ReminderOptions> options, TimeProvider timeProvider)
{
    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var minimum = options.Value.MinimumReminderPeriod;
        if (period < minimum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period),
                $"Reminder '{name}' has period {period}, below the minimum of {minimum} (ReminderOptions.MinimumReminderPeriod). Use a timer or a one-shot reminder for shorter intervals.");
        }

        var due = timeProvider.GetUtcNow() + dueTime;
        return await table.UpsertAsync(grainId, name, due, period, due, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IGrainReminder> RegisterOneShotAsync(GrainId grainId, string name, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ValidateName(name);
        return await table.UpsertAsync(grainId, name, dueAt, null, dueAt, cancellationToken).ConfigureAwait(false);
    }

    public Task UnregisterAsync(GrainId grainId, string name, CancellationToken cancellationToken)
        => table.RemoveAsync(grainId, name, null, cancellationToken);

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string name, CancellationToken cancellationToken)
        => await table.ReadAsync(grainId, name, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId, CancellationToken cancellationToken)
        => await table.ReadAllAsync(grainId, cancellationToken).ConfigureAwait(false);

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 200)
        {
            throw new ArgumentException($"Reminder name is {name.Length} characters; the limit is 200.", nameof(name));
        }
    }
}
