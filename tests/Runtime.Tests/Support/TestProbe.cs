using System.Collections.Concurrent;

namespace PacificEdge.Runtime.Tests.Support;

/// <summary>
/// Where test grains report what happened (ticks, deactivations), shared by every silo of a
/// test cluster, so tests await a condition instead of sleeping.
/// </summary>
public sealed class TestProbe
{
    private readonly ConcurrentQueue<ProbeEvent> _events = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ProbeEvent> Events => _events.ToArray();

    public void Record(string kind, string key, string detail = "", TickStatus? tick = null)
    {
        _events.Enqueue(new ProbeEvent(kind, key, detail, tick, DateTimeOffset.UtcNow));
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public IReadOnlyList<ProbeEvent> Of(string kind, string key) => _events.Where(e => e.Kind == kind && e.Key == key).ToList();

    /// <summary>Waits until the events satisfy the condition; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<ProbeEvent>> WaitForAsync(Func<IReadOnlyList<ProbeEvent>, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var events = Events;
            if (condition(events))
            {
                return events;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for: {what}. Events so far: {string.Join(", ", events)}");
            }
        }
    }

    public Task<IReadOnlyList<ProbeEvent>> WaitForCountAsync(string kind, string key, int count, TimeSpan? timeout = null)
        => WaitForAsync(e => e.Count(x => x.Kind == kind && x.Key == key) >= count, $"{count} x {kind} for {key}", timeout);
}

public sealed record ProbeEvent(string Kind, string Key, string Detail, TickStatus? Tick, DateTimeOffset At);
