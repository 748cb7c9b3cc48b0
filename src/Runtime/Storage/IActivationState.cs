namespace PacificEdge.Runtime.Storage;

/// <summary>State an activation loads before <see cref="Grain.OnActivateAsync"/> runs.</summary>
internal interface IActivationState
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
