using PacificEdge.Runtime.Tests.Support;

namespace PacificEdge.Runtime.Tests.TestGrains;

[GrainType("test-self-stopping-timer")]
public interface ISelfStoppingTimerGrain : IGrainWithStringKey
{
    Task Start();

    Task<string> Ping();
}

/// <summary>A timer callback that stops its own timer and then throws must not stall the mailbox.</summary>
public sealed class SelfStoppingTimerGrain(TestProbe probe) : Grain, ISelfStoppingTimerGrain
{
    private IGrainTimer? _timer;

    public Task Start()
    {
        _timer = RegisterGrainTimer(
            _ =>
            {
                _timer!.Dispose();
                probe.Record("timer-threw", GetPrimaryKeyString());
                throw new InvalidOperationException("callback failed after stopping its timer");
            },
            TimeSpan.FromMilliseconds(10),
            Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task<string> Ping() => Task.FromResult("pong");
}

[GrainType("test-caller")]
public interface ICallerGrain : IGrainWithStringKey
{
    Task<Guid> ActivationId();

    /// <summary>Calls a stateful grain whose write conflicts; lets the error through.</summary>
    Task AddThrough(IStatefulGrain target, string entry);
}

public sealed class CallerGrain : Grain, ICallerGrain
{
    private readonly Guid _id = Guid.NewGuid();

    public Task<Guid> ActivationId() => Task.FromResult(_id);

    public Task AddThrough(IStatefulGrain target, string entry) => target.Add(entry, 1m);
}

public interface IShapeGrain : IGrainWithStringKey
{
    Task<string> Describe();
}

[GrainType("test-circle")]
public interface ICircleGrain : IShapeGrain
{
    Task<string> Radius();
}

public sealed class CircleGrain : Grain, ICircleGrain
{
    public Task<string> Describe() => Task.FromResult($"circle {GetPrimaryKeyString()}");

    public Task<string> Radius() => Task.FromResult("1");
}

[GrainType("test-shape-reader")]
public interface IShapeReaderGrain : IGrainWithStringKey
{
    Task<string> Read(IShapeGrain shape);
}

public sealed class ShapeReaderGrain : Grain, IShapeReaderGrain
{
    public Task<string> Read(IShapeGrain shape) => shape.Describe();
}

[GrainType("test-slow-activation")]
public interface ISlowActivationGrain : IGrainWithStringKey
{
    Task Touch();
}

/// <summary>Waits on a gate the test controls while activating (ignoring the token on purpose).</summary>
public sealed class SlowActivationGrain(TestProbe probe, ActivationGate gate) : Grain, ISlowActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activating", GetPrimaryKeyString());
        await gate.Opened;
    }

    public Task Touch()
    {
        probe.Record("touched", GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}

public sealed class ActivationGate
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Opened => _gate.Task;

    public void Open() => _gate.TrySetResult();
}
