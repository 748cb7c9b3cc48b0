namespace PacificEdge.Grains.Interfaces.Accounts;

/// <summary>
/// An account email built around one link (made by the front end): where to, the link, and until when it works (null
/// for a plain link to a page, such as the account page).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("pe.accounts.account-link-mail")]
public sealed record AccountLinkMail(
    [Id(0)] string Email,
    [Id(1)] string Link,
    [Id(2)] DateTimeOffset? ExpiresAt);
