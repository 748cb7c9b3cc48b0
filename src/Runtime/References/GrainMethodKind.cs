namespace PacificEdge.Runtime.References;

/// <summary>The awaitable shape a grain method returns.</summary>
internal enum GrainMethodKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
