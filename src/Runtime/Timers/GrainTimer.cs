using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Activation;

namespace PacificEdge.Runtime.Timers;

/// <summary>
/// A per-activation timer (R7). Each tick is queued as a turn on its activation, never overlapping
/// the previous tick; a tick that falls due while the previous one still waits is skipped.
/// </summary>
internal sealed partial class GrainTimer : IGrainTimer
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Timer _timer;
    private int _tickQueued;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _logger = logger;
        _timer = new Timer(static state => ((GrainTimer)state!).OnTick(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ObjectDisposedException.ThrowIf(_stopped.IsCancellationRequested, this);
        _timer.Change(dueTime, period);
    }

    public void Dispose()
    {
        if (_stopped.IsCancellationRequested)
        {
            return;
        }

        _stopped.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (_stopped.IsCancellationRequested || Interlocked.Exchange(ref _tickQueued, 1) == 1)
        {
            return;
        }

        if (!_activation.TryEnqueue(new TickWorkItem(this)))
        {
            Volatile.Write(ref _tickQueued, 0);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            if (!_stopped.IsCancellationRequested)
            {
                await _callback(_stopped.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
        {
            // Stopped while running: expected on deactivation.
        }
        catch (Exception ex)
        {
            LogTimerFailed(ex, _activation.GrainId.Type, _activation.GrainId.Key);
        }
        finally
        {
            Volatile.Write(ref _tickQueued, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer callback of {GrainType}/{GrainKey} failed")]
    private partial void LogTimerFailed(Exception exception, string grainType, string grainKey);

    private sealed class TickWorkItem(GrainTimer timer) : ActivationWorkItem
    {
        public override Task ExecuteAsync(GrainActivation activation) => timer.RunAsync();

        public override void Fail(Exception error) => Volatile.Write(ref timer._tickQueued, 0);
    }
}
