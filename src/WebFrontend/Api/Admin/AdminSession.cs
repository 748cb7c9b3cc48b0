namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>
/// Who the admin console is talking to: always 200, so the console's first look does not log a 401 in the browser
/// console when nobody is signed in. <c>Role</c> is Admin, Staff or Customer; null fields when signed out.
/// </summary>
public sealed record AdminSession(bool SignedIn, bool Staff, string? UserId, string? Email, string? Role);
