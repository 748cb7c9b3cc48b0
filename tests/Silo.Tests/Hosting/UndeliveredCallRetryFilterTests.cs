using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Invocation;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Silo.Hosting;

namespace PacificEdge.Silo.Tests.Hosting;

public sealed class UndeliveredCallRetryFilterTests
{
    private readonly UndeliveredCallRetryFilter _filter = new(NullLogger<UndeliveredCallRetryFilter>.Instance);

    [Fact]
    public async Task A_call_the_cluster_rejected_is_sent_again_until_it_is_delivered()
    {
        var context = new ScriptedCall(Rejection("forwarding failed"), new SiloUnavailableException("Silo is shutting down."), null);

        await _filter.Invoke(context);

        Assert.Equal(3, context.Sends);
        Assert.Null(context.Response!.Exception);
    }

    [Fact]
    public async Task A_rejection_thrown_by_the_send_is_resent_too()
    {
        var context = new ScriptedCall(new SiloUnavailableException("Silo is shutting down."), Rejection("stopping"), null) { Throws = true };

        await _filter.Invoke(context);

        Assert.Equal(3, context.Sends);
        Assert.Null(context.Response!.Exception);
    }

    [Fact]
    public async Task A_call_that_keeps_being_rejected_fails_after_the_last_attempt()
    {
        var context = new ScriptedCall(Enumerable.Repeat<Exception?>(new SiloUnavailableException("down"), 10).ToArray());

        await _filter.Invoke(context);

        Assert.Equal(UndeliveredCallRetryFilter.MaxAttempts, context.Sends);
        Assert.IsType<SiloUnavailableException>(context.Response!.Exception);
    }

    [Theory]
    [MemberData(nameof(FailuresThatMayHaveRun))]
    public async Task A_call_that_may_have_run_is_not_sent_again(Exception failure)
    {
        var context = new ScriptedCall(failure, null);

        await _filter.Invoke(context);

        Assert.Equal(1, context.Sends);
        Assert.Same(failure, context.Response!.Exception);
    }

    public static TheoryData<Exception> FailuresThatMayHaveRun() => new()
    {
        new TimeoutException("Response did not arrive on time"),
        new DownstreamUnavailableException("a grain's own call failed"),
        new StorageUnavailableException("database down"),
        new InvalidOperationException("a bug"),
    };

    // Orleans raises this exception itself; its message constructor is internal.
    private static OrleansMessageRejectionException Rejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public,
            binder: null, args: [message], culture: null)!;

    /// <summary>An outgoing call whose sends end with the given failures in turn (null: delivered).</summary>
    private sealed class ScriptedCall(params Exception?[] outcomes) : IOutgoingGrainCallContext
    {
        public int Sends { get; private set; }

        /// <summary>Throw the failures from Invoke instead of returning them as the response.</summary>
        public bool Throws { get; init; }

        public Response? Response { get; set; }

        public Task Invoke()
        {
            var outcome = outcomes[Sends++];
            if (Throws && outcome is not null)
            {
                return Task.FromException(outcome);
            }

            Response = outcome is null ? Response.FromResult<object?>("ok") : Response.FromException(outcome);
            return Task.CompletedTask;
        }

        public IGrainContext? SourceContext => null;
        public IInvokable Request => throw new NotSupportedException();
        public object Grain => throw new NotSupportedException();
        public GrainId? SourceId => null;
        public GrainId TargetId => GrainId.Create("test", "key");
        public GrainInterfaceType InterfaceType => default;
        public string InterfaceName => "ITest";
        public string MethodName => "Call";
        public MethodInfo InterfaceMethod => throw new NotSupportedException();
        public object? Result { get; set; }
    }
}
