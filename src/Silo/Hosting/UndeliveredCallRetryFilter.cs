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
    public const int MaxAttempts = 6;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? exception;
            try
            {
                await context.Invoke();
                exception = context.Response?.Exception;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsUndelivered(ex))
            {
                // A rejection can also surface as a thrown exception rather than an exceptional response.
                exception = ex;
            }

            if (attempt == MaxAttempts || !IsUndelivered(exception))
            {
                return;
            }

            LogResending(context.InterfaceName, context.MethodName, context.TargetId.ToString(), exception!.GetType().Name, attempt);
            // Membership and the directory need a moment to move the grain; spread the resends a little.
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt + Random.Shared.Next(50)));
        }
    }

    private static bool IsUndelivered(Exception? exception) => exception is SiloUnavailableException or OrleansMessageRejectionException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resending {Interface}.{Method} to {Grain}: not delivered ({Reason}), attempt {Attempt}")]
    private partial void LogResending(string @interface, string method, string grain, string reason, int attempt);
}
