namespace PacificEdge.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>Idle for longer than its collection age.</summary>
    IdleCollection,

    /// <summary>A conditional write found newer state; the activation must re-read.</summary>
    InconsistentState,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Activation failed.</summary>
    ActivationFailed,

    /// <summary>Cluster membership changed and another silo now owns the grain: it moves there on its next call.</summary>
    PlacementChanged,
}
