namespace PacificEdge.WebFrontend.Security;

/// <summary>A stored account. The customer id of a customer is its <see cref="UserId"/>.</summary>
public sealed record UserAccount(string UserId, string Email, string PasswordHash, string Role, string? TotpSecret, bool TotpEnabled);
