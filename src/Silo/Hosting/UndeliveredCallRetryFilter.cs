using Orleans.Runtime;

namespace PacificEdge.Silo.Hosting;

/// <summary>
/// Resends a web process's grain call that the cluster rejected without running it — a silo leaving gracefully
/// rejects or cannot place messages that were already on their way to it. On a pure Orleans client these two
/// exceptions only ever mean "not delivered": the client never fails a pending call when a silo dies (that is a
/// timeout), and grains' own downstream failures arrive as <c>DownstreamUnavailableException</c>. Calls that timed
/// out may have run and are not resent.
/// </summary>
public sealed partial class UndeliveredCallRetryFilter(ILogger<UndeliveredCallRetryFilter> logger) : IOutgoingGrainCallFilter
{
    /// <summary>Attempts per call, the first included.</summary>
    public const int MaxAttempts = 4;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            await context.Invoke();
            var exception = context.Response?.Exception;
            if (attempt == MaxAttempts || exception is not (SiloUnavailableException or OrleansMessageRejectionException))
            {
                return;
            }

            LogResending(context.InterfaceName, context.MethodName, context.TargetId.ToString(), exception.GetType().Name, attempt);
            // Membership and the directory need a moment to move the grain; spread the resends a little.
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt + Random.Shared.Next(50)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resending {Interface}.{Method} to {Grain}: not delivered ({Reason}), attempt {Attempt}")]
    private partial void LogResending(string @interface, string method, string grain, string reason, int attempt);
}
