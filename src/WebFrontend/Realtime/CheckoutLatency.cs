namespace PacificEdge.WebFrontend.Realtime;

/// <summary>The latest checkout durations (a ring of 1,000), for the dashboard's p95 and its alert.</summary>
public sealed class CheckoutLatency
{
    private readonly double[] _millis = new double[1000];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public void Record(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _millis[_next] = elapsed.TotalMilliseconds;
            _next = (_next + 1) % _millis.Length;
            _count = Math.Min(_count + 1, _millis.Length);
        }
    }

    /// <summary>p95 in milliseconds over the recorded window, or 0 when nothing was recorded.</summary>
    public double P95Milliseconds()
    {
        double[] window;
        lock (_lock)
        {
            window = _millis[.._count];
        }

        if (window.Length == 0)
        {
            return 0;
        }

        Array.Sort(window);
        return window[Math.Min(window.Length - 1, (int)Math.Ceiling(0.95 * window.Length) - 1)];
    }
}
