namespace PacificEdge.Runtime;

/// <summary>
/// A conditional write found a different stored version than expected: another activation
/// wrote newer state. The activation that got it is deactivated, so the next call re-reads.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception describing the expected and actual versions.</summary>
    public InconsistentStateException(string message, string? expectedEtag, string? storedEtag)
        : base($"{message} (expected version {expectedEtag ?? "none"}, stored version {storedEtag ?? "none"})")
    {
        ExpectedEtag = expectedEtag;
        StoredEtag = storedEtag;
    }

    /// <summary>The version the writer held.</summary>
    public string? ExpectedEtag { get; }

    /// <summary>The version found in storage, when known.</summary>
    public string? StoredEtag { get; }
}
