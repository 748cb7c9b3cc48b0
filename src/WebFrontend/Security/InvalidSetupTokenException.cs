using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Security;

/// <summary>A set-password link that is unknown, already used or expired; answered 400 <c>invalid_token</c>.</summary>
public sealed class InvalidSetupTokenException(string message) : CommerceException(message)
{
    public override string Code => "invalid_token";
}
