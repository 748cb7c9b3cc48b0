using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments.Stripe;

namespace PacificEdge.Simulators.Payments;

/// <summary>
/// Checks <see cref="PaymentSandboxOptions"/> when the sandbox is the provider (nothing otherwise), so a Stripe
/// deployment does not need a sandbox webhook secret it never uses.
/// </summary>
public sealed class PaymentSandboxOptionsValidator(IOptions<PaymentProviderOptions> provider) : IValidateOptions<PaymentSandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentSandboxOptions options)
    {
        if (provider.Value.Provider != PaymentProvider.Sandbox)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Check(options.WebhookSecret is { Length: >= 16 }, "Commerce:Payments:Sandbox:WebhookSecret is required (at least 16 characters); set it from the environment.");
        Check(options.WebhookUrl is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps), "Commerce:Payments:Sandbox:WebhookUrl must be an absolute http(s) URL.");
        Check(options.DeliveryDelay >= TimeSpan.Zero && options.SlowDelay >= TimeSpan.Zero, "Commerce:Payments:Sandbox delays must not be negative.");
        Check(options.DuplicateDeliveries is >= 0 and <= 10, "Commerce:Payments:Sandbox:DuplicateDeliveries must be between 0 and 10.");
        Check(options.DeliveryMaxAttempts is >= 1 and <= 100, "Commerce:Payments:Sandbox:DeliveryMaxAttempts must be between 1 and 100.");
        Check(options.DeliveryRetryBaseDelay >= TimeSpan.Zero && options.DeliveryRetryMaxDelay >= options.DeliveryRetryBaseDelay, "Commerce:Payments:Sandbox retry delays must not be negative, the maximum at least the base.");
        Check(options.DeliveryTimeout > TimeSpan.Zero && options.DrainTimeout >= TimeSpan.Zero, "Commerce:Payments:Sandbox:DeliveryTimeout must be positive and DrainTimeout not negative.");
        Check(options.DeliveryLease > options.DeliveryTimeout && options.DeliveryMaxAge > TimeSpan.Zero, "Commerce:Payments:Sandbox:DeliveryLease must exceed DeliveryTimeout and DeliveryMaxAge must be positive.");
        Check(options.DeliveryPollInterval > TimeSpan.Zero && options.DeliveryBatchSize is >= 1 and <= 1000, "Commerce:Payments:Sandbox:DeliveryPollInterval must be positive and DeliveryBatchSize 1-1000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(bool valid, string failure)
        {
            if (!valid)
            {
                failures.Add(failure);
            }
        }
    }
}
