namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>Which <see cref="IPaymentGateway"/> the silo uses (<c>Commerce:Payments:Provider</c>).</summary>
public enum PaymentProvider
{
    /// <summary>The built-in sandbox (default): no money moves.</summary>
    Sandbox,

    /// <summary>Stripe, through Stripe.net (section <c>Commerce:Payments:Stripe</c>).</summary>
    Stripe,
}
