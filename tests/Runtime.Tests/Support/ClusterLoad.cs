using System.Collections.Concurrent;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Support;

/// <summary>
/// Calls a set of grains in a loop from several workers, each call appending the grain's next
/// sequence number, and remembers every acknowledged number and where it ran, so a test can check
/// that no acknowledged write was lost and where each grain was served over time.
/// </summary>
public sealed class ClusterLoad
{
    private readonly IGrainFactory _client;
    private readonly string[] _keys;
    private readonly int _workers;
    private readonly bool _retryUnknownOutcomes;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Sequence, string Silo, DateTimeOffset At)>> _acks = new();
    private readonly ConcurrentQueue<Exception> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private long _calls;
    private long _callerRetries;
    private Task? _running;

    /// <param name="retryUnknownOutcomes">
    /// Whether a call whose outcome is unknown (connection lost mid-call, a stale duplicate's
    /// conflict, a timeout) is retried by the test, as an application retries an idempotent call.
    /// Off: every such exception counts as a failed call.
    /// </param>
    public ClusterLoad(IGrainFactory client, IEnumerable<string> keys, int workers, bool retryUnknownOutcomes)
    {
        _client = client;
        _keys = keys.ToArray();
        _workers = workers;
        _retryUnknownOutcomes = retryUnknownOutcomes;
        foreach (var key in _keys)
        {
            _acks[key] = new ConcurrentQueue<(int, string, DateTimeOffset)>();
        }
    }

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls the test had to repeat because their outcome was unknown.</summary>
    public long CallerRetries => Interlocked.Read(ref _callerRetries);

    public IReadOnlyList<Exception> Failures => _failures.ToArray();

    public IReadOnlyDictionary<string, ConcurrentQueue<(int Sequence, string Silo, DateTimeOffset At)>> Acks => _acks;

    public void Start() => _running = Task.WhenAll(Enumerable.Range(0, _workers).Select(w => Task.Run(() => WorkAsync(w))));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running!;
    }

    /// <summary>Waits (checking after every acknowledgement round) until the condition holds; fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<ClusterLoad, bool> condition, string what, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            if (_running is { IsCompleted: true })
            {
                await _running; // surfaces a crashed worker
                throw new InvalidOperationException("The load stopped before: " + what);
            }

            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}; {Calls} calls, {_failures.Count} failures: {string.Join(" | ", _failures.Take(3).Select(f => f.Message))}");
            }
        }
    }

    private async Task WorkAsync(int worker)
    {
        var mine = _keys.Where((_, i) => i % _workers == worker).ToArray();
        var next = mine.ToDictionary(k => k, _ => 1);
        while (!_stop.IsCancellationRequested)
        {
            foreach (var key in mine)
            {
                var sequence = next[key];
                if (await CallAsync(key, sequence) is { } silo)
                {
                    _acks[key].Enqueue((sequence, silo, DateTimeOffset.UtcNow));
                    next[key] = sequence + 1;
                }
            }
        }
    }

    private async Task<string?> CallAsync(string key, int sequence)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            Interlocked.Increment(ref _calls);
            try
            {
                return await _client.GetGrain<IClusterTestGrain>(key).Append(sequence);
            }
            catch (Exception ex) when (_retryUnknownOutcomes && DateTimeOffset.UtcNow < deadline
                                        && ex is CallOutcomeUnknownException or InconsistentStateException or TimeoutException)
            {
                // Append is idempotent per sequence number, so repeating it is safe.
                Interlocked.Increment(ref _callerRetries);
            }
            catch (Exception ex)
            {
                _failures.Enqueue(ex);
                return null;
            }
        }
    }
}
