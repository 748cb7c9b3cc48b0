namespace PacificEdge.WebFrontend.Api;

/// <summary>Body of POST /api/newsletter/subscribe: the shopper must tick the consent box (<see cref="Consent"/> true).</summary>
public sealed record SubscribeRequest(string? Email, bool Consent);

/// <summary>Body of POST /api/newsletter/unsubscribe: the address and the token of its unsubscribe link.</summary>
public sealed record UnsubscribeRequest(string? Email, string? Token);

/// <summary>Body of POST /api/auth/set-password: the token from the set-your-password link and the new password.</summary>
public sealed record SetPasswordRequest(string? Token, string? Password);
