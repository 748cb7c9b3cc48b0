namespace PacificEdge.Grains.Tests.Integration.Support;

/// <summary>
/// A clock that moves only when a test says so. Timers (Task.Delay, CancellationTokenSource timeouts, Polly delays,
/// periodic timers) fire inside <see cref="Advance"/>, in due order. <see cref="WaitForTimerAsync"/> lets a test wait
/// until code under test has scheduled a particular delay, instead of sleeping.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<(Func<TimeSpan, bool> Matches, TaskCompletionSource Scheduled)> waiters = [];
    private DateTimeOffset now = start;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate)
        {
            target = now + delta;
        }

        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    now = target;
                    return;
                }

                if (next.DueAt > now)
                {
                    now = next.DueAt;
                }

                if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
                {
                    next.DueAt += next.Period;
                }
                else
                {
                    timers.Remove(next);
                }
            }

            next.Fire();
        }
    }

    /// <summary>Completes once a timer whose due time (from scheduling) satisfies <paramref name="dueTimeMatches"/> is pending.</summary>
    public Task WaitForTimerAsync(Func<TimeSpan, bool> dueTimeMatches)
    {
        lock (gate)
        {
            if (timers.Any(t => dueTimeMatches(t.DueTime)))
            {
                return Task.CompletedTask;
            }

            var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((dueTimeMatches, scheduled));
            return scheduled.Task;
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueTime = dueTime;
            timer.DueAt = now + dueTime;
            timer.Period = period;
            timers.Add(timer);
            foreach (var waiter in waiters.Where(w => w.Matches(dueTime)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Scheduled.TrySetResult();
            }
        }
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan DueTime { get; set; }

        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
