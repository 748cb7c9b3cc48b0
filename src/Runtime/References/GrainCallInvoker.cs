using System.Diagnostics;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.References;

/// <summary>
/// Caller side of a grain call: encodes the arguments into a <see cref="GrainRequest"/>, sends it
/// through the router, enforces the response timeout and turns the response back into a value
/// or the grain's exception.
/// </summary>
internal sealed class GrainCallInvoker(
    GrainCodec codec,
    ExceptionCodec exceptions,
    IGrainCallRouter router,
    IOptions<MessagingOptions> options,
    RuntimeMetrics metrics)
{
    private readonly TimeSpan _timeout = options.Value.ResponseTimeout;

    public async Task<T> InvokeAsync<T>(GrainReference reference, GrainMethodDescriptor method, object?[]? args)
    {
        var response = await SendAsync(reference, method, args).ConfigureAwait(false);
        return response.Result is null ? default! : codec.DeserializeValue<T>(response.Result);
    }

    public async Task InvokeVoidAsync(GrainReference reference, GrainMethodDescriptor method, object?[]? args)
        => await SendAsync(reference, method, args).ConfigureAwait(false);

    /// <summary>Sends a request built elsewhere (reminder ticks) with the same timeout and error handling.</summary>
    public async Task<GrainResponse> SendAsync(GrainRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        GrainResponse response;
        try
        {
            var pending = router.SendAsync(request, CancellationToken.None);
            response = pending.IsCompleted ? await pending.ConfigureAwait(false) : await pending.WaitAsync(_timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            metrics.CallFailed(request.Target.Type, "timeout");
            throw new TimeoutException($"Call to {request} got no response within the response timeout of {_timeout}.");
        }

        metrics.CallCompleted(request.Target.Type, Stopwatch.GetElapsedTime(started));
        if (response.Error is { } error)
        {
            metrics.CallFailed(request.Target.Type, "exception");
            throw exceptions.ToException(error);
        }

        return response;
    }

    private Task<GrainResponse> SendAsync(GrainReference reference, GrainMethodDescriptor method, object?[]? args)
        => SendAsync(new GrainRequest
        {
            Target = reference.GrainId,
            Interface = reference.Descriptor.InterfaceName,
            Method = method.Name,
            Arguments = codec.SerializeArguments(args, method),
        });
}
