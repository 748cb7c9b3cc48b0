using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Api;

/// <summary>
/// Field-by-field checks on shopper request bodies, answered as one 400 listing every field at fault. Shape and
/// length only; the grains keep the business rules (stock, limits, prices).
/// </summary>
public static class ShopperRequestRules
{
    public const int MaxSkuLength = 64;
    public const int MaxQuantity = 99;
    public const int MaxAddressField = 200;
    public const int MaxCardToken = 255;
    public const int MaxLinkToken = 512;

    public static (string Sku, int Quantity) Validate(AddLineRequest? body)
    {
        var errors = new FieldErrors();
        errors.Required("sku", body?.Sku, MaxSkuLength).Range("quantity", body?.Quantity ?? 0, 1, MaxQuantity).ThrowIfAny();
        return (body!.Sku!.Trim(), body.Quantity);
    }

    public static int Validate(ChangeQuantityRequest? body)
    {
        new FieldErrors().Range("quantity", body?.Quantity ?? 0, 1, MaxQuantity).ThrowIfAny();
        return body!.Quantity;
    }

    /// <summary>The checkout's email and address; the country is upper-cased as the order stores it.</summary>
    public static (string Email, Address ShipTo) Validate(CheckoutBody? body)
    {
        var errors = new FieldErrors().Email("email", body?.Email);
        var to = body?.ShipTo;
        if (to is null)
        {
            errors.Add("shipTo", "shipTo is required.");
        }
        else
        {
            errors.Required("shipTo.name", to.Name, MaxAddressField)
                .Required("shipTo.line1", to.Line1, MaxAddressField)
                .Optional("shipTo.line2", to.Line2, MaxAddressField)
                .Required("shipTo.city", to.City, MaxAddressField)
                .Optional("shipTo.region", to.Region, MaxAddressField)
                .Required("shipTo.postalCode", to.PostalCode, 20)
                .CountryCode("shipTo.country", to.Country);
        }

        if (body is { PointsToRedeem: < 0 })
        {
            errors.Add("pointsToRedeem", "pointsToRedeem must not be negative.");
        }

        errors.ThrowIfAny();
        return (body!.Email!.Trim(), to! with { Country = to!.Country.ToUpperInvariant() });
    }

    public static string Validate(PayRequest? body)
    {
        new FieldErrors().Required("cardToken", body?.CardToken, MaxCardToken).ThrowIfAny();
        return body!.CardToken!;
    }

    public static string Validate(AccessLinkRequest? body)
    {
        new FieldErrors().Email("email", body?.Email).ThrowIfAny();
        return body!.Email!.Trim();
    }

    public static string Validate(SubscribeRequest? body)
    {
        new FieldErrors().Email("email", body?.Email).ThrowIfAny();
        return body!.Email!.Trim();
    }

    public static (string Email, string Token) Validate(UnsubscribeRequest? body)
    {
        new FieldErrors().Email("email", body?.Email).Required("token", body?.Token, MaxLinkToken).ThrowIfAny();
        return (body!.Email!.Trim(), body.Token!);
    }
}
