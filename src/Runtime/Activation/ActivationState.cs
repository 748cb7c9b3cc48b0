namespace PacificEdge.Runtime.Activation;

/// <summary>Lifecycle of an activation.</summary>
internal enum ActivationState
{
    /// <summary>Created in the catalog; instance not built yet (happens on the first turn).</summary>
    Creating,

    /// <summary>Activated; takes calls.</summary>
    Valid,

    /// <summary>Running OnDeactivateAsync; new work is redirected afterwards.</summary>
    Deactivating,

    /// <summary>Gone: takes nothing; callers look up a fresh activation.</summary>
    Invalid,
}
