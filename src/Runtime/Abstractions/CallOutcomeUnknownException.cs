namespace PacificEdge.Runtime;

/// <summary>
/// The connection to the silo running a call broke after the call had been sent (the silo
/// crashed, or the network failed mid-call): the call may or may not have run. The runtime never
/// retries such a call by itself (at-most-once, as in Orleans); retry it only if the method is
/// idempotent. Calls that certainly did not start fail with <see cref="SiloUnavailableException"/>
/// instead, and those the runtime retries on the new owner.
/// </summary>
public sealed class CallOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CallOutcomeUnknownException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the transport error that caused it.</summary>
    public CallOutcomeUnknownException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
