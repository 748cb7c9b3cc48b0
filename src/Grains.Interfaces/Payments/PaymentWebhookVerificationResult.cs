namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>The outcome of checking a payment webhook's signature header.</summary>
public enum PaymentWebhookVerificationResult
{
    /// <summary>A v1 signature matched one of the secrets and the timestamp is within tolerance.</summary>
    Valid,

    /// <summary>No signature header was sent.</summary>
    MissingHeader,

    /// <summary>The header is not <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=…]</c> (or is too long).</summary>
    Malformed,

    /// <summary>The signature matched, but the timestamp is older than the tolerance (a possible replay).</summary>
    StaleTimestamp,

    /// <summary>The signature matched, but the timestamp lies further in the future than the tolerance.</summary>
    FutureTimestamp,

    /// <summary>No v1 signature matches any of the secrets (wrong secret or tampered body).</summary>
    NoMatchingSignature,
}
