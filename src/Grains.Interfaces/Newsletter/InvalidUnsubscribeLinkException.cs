using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Newsletter;

/// <summary>An unsubscribe link whose token does not match its address (altered or truncated).</summary>
[GenerateSerializer]
[Alias("pe.errors.invalid-unsubscribe-link")]
public sealed class InvalidUnsubscribeLinkException(string message) : CommerceException(message)
{
    public override string Code => "invalid_unsubscribe_link";
}
