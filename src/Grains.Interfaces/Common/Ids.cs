namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>Creates and checks the string ids the store uses as grain keys.</summary>
public static class Ids
{
    public static string NewOrderId() => "ord_" + Guid.NewGuid().ToString("N")[..20];

    public static string ShipmentIdFor(string orderId) => "shp_" + orderId;

    /// <summary>Keys come from URLs and webhooks: keep them short and plain.</summary>
    public static string Require(string? value, string what, int maxLength = 100)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationException($"{what} is required.");
        }

        if (value.Length > maxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or ':'))
        {
            throw new ValidationException($"{what} must be at most {maxLength} characters of letters, digits, '-', '_', '.', '@' or ':'.");
        }

        return value;
    }
}
