namespace PacificEdge.Runtime;

/// <summary>
/// The silo that should handle a call is stopping, stopped or unreachable. Safe to retry:
/// the call did not start a turn on that silo.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
