using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>
/// Bounds what one unpaid checkout without an account can hold, so an anonymous shopper cannot
/// take a product off sale for the length of a payment timeout. The cart grain checks the lines
/// (the lines it is about to reserve, so a concurrent cart change cannot slip past); the front end
/// checks the open orders (it knows the client address and reads the database). Each refusal says
/// what to do instead.
/// </summary>
public sealed class GuestCheckoutPolicy(GuestCheckoutLimits limits)
{
    /// <summary>The limits this policy applies (the front end's claim query enforces the open-order ones itself).</summary>
    public GuestCheckoutLimits Limits => limits;

    /// <exception cref="GuestLimitException">A line holds too many units, or the subtotal is too large.</exception>
    public void CheckLines(IReadOnlyList<CartLine> lines)
    {
        if (lines.FirstOrDefault(l => l.Quantity > limits.MaxUnitsPerSku) is { } line)
        {
            throw new GuestLimitException(
                $"Guest checkouts are limited to {limits.MaxUnitsPerSku} units of each product ({line.Name}: {line.Quantity}); reduce the quantity or sign in to order more.");
        }

        // Prices are in the store currency, as is the limit.
        var subtotal = lines.Sum(l => l.LineTotal.Amount);
        if (subtotal > limits.MaxOrderValue)
        {
            var currency = lines.Count > 0 ? lines[0].UnitPrice.Currency : "";
            throw new GuestLimitException(
                $"Guest orders are limited to {limits.MaxOrderValue:0.00} {currency} (this one is {subtotal:0.00} {currency}); remove some items or sign in to order more.");
        }
    }

    /// <summary>Checks the open unpaid guest orders already placed (not counting this checkout).</summary>
    /// <exception cref="GuestLimitException">The email address or the client address has reached its limit.</exception>
    public void CheckOpenOrders(int openForEmail, int openForClientAddress)
    {
        if (openForEmail >= limits.MaxOpenOrdersPerEmail)
        {
            throw new GuestLimitException(
                $"This email address already has {openForEmail} unpaid guest orders (the limit is {limits.MaxOpenOrdersPerEmail}); pay or let one expire, or sign in to order more.");
        }

        if (openForClientAddress >= limits.MaxOpenOrdersPerClientAddress)
        {
            throw new GuestLimitException(
                $"Too many unpaid guest orders come from your network (the limit is {limits.MaxOpenOrdersPerClientAddress}); pay or let one expire, or sign in to order more.");
        }
    }
}
