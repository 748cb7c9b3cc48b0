namespace PacificEdge.Runtime.Tests.Support;

/// <summary>Releases its waiters together once the expected number have arrived (fails them after 30 s so a test cannot hang).</summary>
public sealed class RaceGate(int parties = 2)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int Arrived => Volatile.Read(ref _arrived);

    public Task ArriveAndWaitAsync()
    {
        if (Interlocked.Increment(ref _arrived) >= parties)
        {
            _open.TrySetResult();
        }

        return _open.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
