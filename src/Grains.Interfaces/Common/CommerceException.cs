namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>
/// A domain rule said no. Each subclass has a stable <see cref="Code"/> that the API turns into
/// a problem type; the message is safe to show to the user. Crosses the grain boundary with its
/// type and message.
/// </summary>
[GenerateSerializer]
[Alias("pe.errors.commerce")]
public abstract class CommerceException(string message) : Exception(message)
{
    /// <summary>Stable, machine-readable error code.</summary>
    public abstract string Code { get; }
}

/// <summary>Input that breaks a rule (bad quantity, bad currency, missing field).</summary>
[GenerateSerializer]
[Alias("pe.errors.validation")]
public sealed class ValidationException(string message) : CommerceException(message)
{
    public override string Code => "validation_failed";
}

/// <summary>A SKU that is not in the catalog (or not for sale).</summary>
[GenerateSerializer]
[Alias("pe.errors.unknown-sku")]
public sealed class UnknownSkuException(string message) : CommerceException(message)
{
    public override string Code => "unknown_sku";
}

/// <summary>Not enough stock to reserve.</summary>
[GenerateSerializer]
[Alias("pe.errors.out-of-stock")]
public sealed class OutOfStockException(string message) : CommerceException(message)
{
    public override string Code => "out_of_stock";
}

/// <summary>A state change the order's (or shipment's) state machine does not allow.</summary>
[GenerateSerializer]
[Alias("pe.errors.illegal-transition")]
public sealed class IllegalTransitionException(string message) : CommerceException(message)
{
    public override string Code => "illegal_transition";
}

/// <summary>The wallet does not hold enough points.</summary>
[GenerateSerializer]
[Alias("pe.errors.insufficient-points")]
public sealed class InsufficientPointsException(string message) : CommerceException(message)
{
    public override string Code => "insufficient_points";
}

/// <summary>Something that does not exist (an order never created, an empty cart).</summary>
[GenerateSerializer]
[Alias("pe.errors.not-found")]
public sealed class NotFoundException(string message) : CommerceException(message)
{
    public override string Code => "not_found";
}

/// <summary>The request conflicts with the current state (e.g. checkout of an empty cart, a reused key with other content).</summary>
[GenerateSerializer]
[Alias("pe.errors.conflict")]
public sealed class ConflictException(string message) : CommerceException(message)
{
    public override string Code => "conflict";
}

/// <summary>The payment provider refused (decline code in the message) or could not be reached.</summary>
[GenerateSerializer]
[Alias("pe.errors.payment-failed")]
public sealed class PaymentFailedException(string message) : CommerceException(message)
{
    public override string Code => "payment_failed";
}

/// <summary>A checkout without an account went over a guest limit (units per product, order value, open unpaid orders).</summary>
[GenerateSerializer]
[Alias("pe.errors.guest-limit")]
public sealed class GuestLimitException(string message) : CommerceException(message)
{
    public override string Code => "guest_limit_exceeded";
}
