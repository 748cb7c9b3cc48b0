using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>A shopping cart (key: cart id). Abandoned-cart email and expiry are driven by reminders.</summary>
[Alias("cart")]
public interface ICartGrain : IWakeUpGrain
{
    /// <summary>Adds units of a SKU (price snapshot taken now). Quantity per line stays within 1-99.</summary>
    Task<CartView> AddLine(string sku, int quantity);

    /// <summary>Sets a line's quantity (1-99).</summary>
    Task<CartView> ChangeQuantity(string sku, int quantity);

    Task<CartView> RemoveLine(string sku);

    /// <summary>Who owns the cart and where the abandoned-cart email goes.</summary>
    Task<CartView> AttachCustomer(string customerId, string email);

    Task<CartView> Get();

    /// <summary>
    /// Reserves stock, holds the redeemed points, creates the order and empties the cart. The same
    /// idempotency key returns the same order; a failure part-way leaves no stock or points held.
    /// </summary>
    Task<CheckoutResult> Checkout(CheckoutRequest request);
}
