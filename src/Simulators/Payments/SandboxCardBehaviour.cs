namespace PacificEdge.Simulators.Payments;

/// <summary>What the sandbox does with a test card token.</summary>
/// <param name="DeclineCode">Null when the payment succeeds.</param>
/// <param name="Slow">Succeeds only after the slow delay.</param>
internal sealed record SandboxCardBehaviour(string? DeclineCode, bool Slow)
{
    public bool Succeeds => DeclineCode is null;
}
