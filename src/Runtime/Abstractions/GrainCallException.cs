namespace PacificEdge.Runtime;

/// <summary>
/// A grain call failed with an exception whose type the caller cannot recreate (it is not one
/// of the project's own or a common system exception). Carries the original type name and message.
/// </summary>
public sealed class GrainCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainCallException(string originalTypeName, string message) : base(message)
    {
        OriginalTypeName = originalTypeName;
    }

    /// <summary>Full name of the exception type thrown by the grain.</summary>
    public string OriginalTypeName { get; }
}
