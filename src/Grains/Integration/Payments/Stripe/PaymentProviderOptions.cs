namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>Section <c>Commerce:Payments</c>: the provider switch. The web front end reads the same key to pick its webhook verifier.</summary>
public sealed class PaymentProviderOptions
{
    public const string SectionName = "Commerce:Payments";

    /// <summary>Default <see cref="PaymentProvider.Sandbox"/>.</summary>
    public PaymentProvider Provider { get; set; } = PaymentProvider.Sandbox;
}
