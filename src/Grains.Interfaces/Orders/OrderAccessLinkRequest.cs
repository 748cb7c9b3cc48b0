namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>A guest asks for a fresh link to their order, proving they know its email address.</summary>
/// <param name="Email">The address the guest typed; compared case-insensitively with the order's.</param>
/// <param name="OrderUrl">The fresh signed link (computed by the front end, which holds the signing key) to email.</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.orders.access-link-request")]
public sealed record OrderAccessLinkRequest(
    [Id(0)] string Email,
    [Id(1)] string OrderUrl);
