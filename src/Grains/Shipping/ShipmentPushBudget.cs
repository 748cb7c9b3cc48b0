namespace PacificEdge.Grains.Shipping;

/// <summary>
/// The batcher's request budget: at most <c>limit</c> requests in any rolling <c>window</c> (a sliding log of when
/// each request was answered), a pause the platform asked for, and a spacing of window / limit between requests that
/// carry a partial batch, so permits left over at low load are spent promptly but a trickle of orders cannot use up
/// a window one order at a time. Not thread-safe: the batcher grain's single thread owns it.
/// </summary>
/// <remarks>
/// Requests are logged when answered, not when sent: the answer comes after the platform counted the request, so the
/// next window here never opens before the platform's does, whatever the latency.
/// </remarks>
public sealed class ShipmentPushBudget(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _answered = new();
    private readonly TimeSpan _spacing = window / limit;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset? _last;

    /// <summary>The earliest time the next request may go: a full batch needs only a free permit, a partial one also the spacing.</summary>
    public DateTimeOffset EarliestSend(DateTimeOffset now, bool fullBatch)
    {
        while (_answered.Count > 0 && _answered.Peek() + window <= now)
        {
            _answered.Dequeue();
        }

        var earliest = _pausedUntil > now ? _pausedUntil : now;
        if (_answered.Count >= limit && _answered.Peek() + window > earliest)
        {
            earliest = _answered.Peek() + window;
        }

        if (!fullBatch && _last is { } last && last + _spacing > earliest)
        {
            earliest = last + _spacing;
        }

        return earliest;
    }

    /// <summary>A request was answered (whatever the answer: the platform counted it).</summary>
    public void Answered(DateTimeOffset at)
    {
        _answered.Enqueue(at);
        _last = at;
    }

    /// <summary>The platform asked us to wait (a 429, or its window used up by other callers).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        if (until > _pausedUntil)
        {
            _pausedUntil = until;
        }
    }
}
