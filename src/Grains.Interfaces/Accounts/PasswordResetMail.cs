namespace PacificEdge.Grains.Interfaces.Accounts;

/// <summary>A password-reset email: where to, the link (built by the front end, which issued its token) and its expiry.</summary>
[GenerateSerializer]
[Immutable]
[Alias("pe.accounts.password-reset-mail")]
public sealed record PasswordResetMail(
    [Id(0)] string Email,
    [Id(1)] string Link,
    [Id(2)] DateTimeOffset ExpiresAt);
