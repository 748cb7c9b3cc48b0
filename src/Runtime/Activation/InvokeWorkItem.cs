using PacificEdge.Runtime.Messaging;

namespace PacificEdge.Runtime.Activation;

/// <summary>A grain call waiting for its turn.</summary>
internal sealed class InvokeWorkItem(GrainRequest request) : ActivationWorkItem
{
    private readonly TaskCompletionSource<GrainResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainRequest Request { get; } = request;

    public Task<GrainResponse> Completion => _completion.Task;

    public override bool IsActivity => true;

    public override bool CanRedirect => true;

    public override async Task ExecuteAsync(GrainActivation activation)
        => _completion.TrySetResult(await activation.InvokeAsync(Request).ConfigureAwait(false));

    public override void Fail(Exception error)
    {
        // Silo-level failures travel as exceptions so the router can retry them on another silo;
        // everything else is the grain's answer and travels as an error response.
        if (error is SiloUnavailableException)
        {
            _completion.TrySetException(error);
        }
        else
        {
            _completion.TrySetResult(GrainResponse.FromError(new GrainError(error.GetType().FullName!, error.Message)));
        }
    }
}
