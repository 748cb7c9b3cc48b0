namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>
/// What one unpaid checkout without an account may hold (configuration section
/// <c>Commerce:GuestCheckout</c>). Read by the silo (units, value, payment timeout) and by the
/// front end (open orders per email and per client address), so it lives with the contracts.
/// </summary>
public sealed class GuestCheckoutLimits
{
    public const string SectionName = "Commerce:GuestCheckout";

    /// <summary>Most units of one SKU in a guest order. Default 5.</summary>
    public int MaxUnitsPerSku { get; set; } = 5;

    /// <summary>Largest guest order subtotal, in the store currency (products are priced in it). Default 1000.</summary>
    public decimal MaxOrderValue { get; set; } = 1000m;

    /// <summary>Most open unpaid guest orders for one email address. Default 3.</summary>
    public int MaxOpenOrdersPerEmail { get; set; } = 3;

    /// <summary>Most open unpaid guest orders from one client IP address. Default 5.</summary>
    public int MaxOpenOrdersPerClientAddress { get; set; } = 5;

    /// <summary>How long an unpaid guest order holds stock. Default 15 minutes (registered customers keep Commerce:PaymentTimeout).</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>True when every limit is positive (start-up validation).</summary>
    public bool IsValid => MaxUnitsPerSku > 0 && MaxOrderValue > 0m && MaxOpenOrdersPerEmail > 0
        && MaxOpenOrdersPerClientAddress > 0 && PaymentTimeout > TimeSpan.Zero;
}
