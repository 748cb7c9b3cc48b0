namespace PacificEdge.Testing;

/// <summary>Awaits a condition on grain state (polling), failing with a description after a timeout.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        T last;
        while (!done(last = await read()))
        {
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for: {what}. Last value: {last}");
            }
        }

        return last;
    }
}
