namespace PacificEdge.Runtime;

/// <summary>A value could not be copied across the grain boundary by the codec.</summary>
public sealed class GrainSerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainSerializationException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
