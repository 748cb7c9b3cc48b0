using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Hosting;

/// <summary>
/// Turns a messaging failure of a grain's own downstream call into <see cref="DownstreamUnavailableException"/>, so
/// that <see cref="SiloUnavailableException"/> and <see cref="OrleansMessageRejectionException"/> reach a client only
/// when the client's own call was never delivered (which the web process then retries safely).
/// </summary>
public sealed class DownstreamFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException)
        {
            throw new DownstreamUnavailableException($"A call from {context.InterfaceName}.{context.MethodName} to another grain failed ({ex.GetType().Name}); retry shortly.");
        }
    }
}
