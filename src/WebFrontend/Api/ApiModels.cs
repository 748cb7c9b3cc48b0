using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Api;

public sealed record ProductDto(string Sku, string Name, Money Price, string Lot, string CertificateUrl, string Description, int Available);

public sealed record CreatedCart(string CartId);

public sealed record AddLineRequest(string? Sku, int Quantity);

public sealed record ChangeQuantityRequest(int Quantity);

public sealed record CheckoutBody(string? Email, Address? ShipTo, int PointsToRedeem = 0);

public sealed record CheckoutResponse(string OrderId, Money Total, Money Discount, int PointsRedeemed, bool Replayed, string? AccessToken, string OrderUrl);

public sealed record PayRequest(string? CardToken);

public sealed record AccessLinkRequest(string? Email);

public sealed record AccessLinkResponse(string Message);

/// <summary>Body of POST /api/newsletter/subscribe: the shopper must tick the consent box (<see cref="Consent"/> true).</summary>
public sealed record SubscribeRequest(string? Email, bool Consent);

/// <summary>Body of POST /api/newsletter/unsubscribe: the address and the token of its unsubscribe link.</summary>
public sealed record UnsubscribeRequest(string? Email, string? Token);
