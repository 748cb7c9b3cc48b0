using PacificEdge.Runtime.Tests.Support;

namespace PacificEdge.Runtime.Tests.TestGrains;

[GrainType("test-lifecycle")]
public interface ILifecycleGrain : IGrainWithStringKey
{
    Task Ping();

    Task StartTimer(TimeSpan period);

    Task<int> TimerTicks();
}

/// <summary>Reports activation, deactivation and timer ticks to the probe.</summary>
public class LifecycleGrain(TestProbe probe) : Grain, ILifecycleGrain
{
    private int _timerTicks;
    private bool _inTurn;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activated", GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record("deactivated", GetPrimaryKeyString(), reason.ToString());
        return Task.CompletedTask;
    }

    public Task Ping() => Task.CompletedTask;

    public Task StartTimer(TimeSpan period)
    {
        RegisterGrainTimer(
            async _ =>
            {
                // A tick is a turn: it never overlaps another turn of this activation.
                if (_inTurn)
                {
                    probe.Record("overlap", GetPrimaryKeyString());
                }

                _inTurn = true;
                await Task.Yield();
                _timerTicks++;
                _inTurn = false;
                probe.Record("timer", GetPrimaryKeyString());
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public Task<int> TimerTicks() => Task.FromResult(_timerTicks);
}

[GrainType("test-quick-collect")]
public interface IQuickCollectGrain : IGrainWithStringKey
{
    Task Ping();
}

/// <summary>Overrides the collection age per class with the attribute.</summary>
[CollectionAgeLimit(Seconds = 0.3)]
public sealed class QuickCollectGrain(TestProbe probe) : Grain, IQuickCollectGrain
{
    public Task Ping() => Task.CompletedTask;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record("deactivated", GetPrimaryKeyString(), reason.ToString());
        return Task.CompletedTask;
    }
}
