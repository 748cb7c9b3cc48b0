using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>
/// Checks <see cref="StripePaymentOptions"/> when Stripe is the provider (nothing otherwise). Besides the shape of
/// each setting it enforces the key rule: a live key only in Production, a test key never in Production, so a
/// staging box cannot charge real cards and production cannot quietly take test payments.
/// </summary>
/// <remarks>Without a host (bare containers in tests) the environment is Production, as the generic host's default.</remarks>
public sealed class StripePaymentOptionsValidator(IOptions<PaymentProviderOptions> provider, IHostEnvironment? environment = null)
    : IValidateOptions<StripePaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, StripePaymentOptions options)
    {
        if (provider.Value.Provider != PaymentProvider.Stripe)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var environmentName = environment?.EnvironmentName ?? Environments.Production;
        var production = string.Equals(environmentName, Environments.Production, StringComparison.OrdinalIgnoreCase);
        var key = options.SecretKey ?? string.Empty;
        var live = key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal);
        var test = key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("rk_test_", StringComparison.Ordinal);
        if (!live && !test)
        {
            // The message never echoes the value: it is a secret, and may be a mistyped one.
            failures.Add("Commerce:Payments:Stripe:SecretKey is required and must be a Stripe secret key (sk_test_/sk_live_); set it from the environment.");
        }
        else if (live && !production)
        {
            failures.Add($"Commerce:Payments:Stripe:SecretKey is a live key, which is refused outside Production (environment {environmentName}).");
        }
        else if (test && production)
        {
            failures.Add("Commerce:Payments:Stripe:SecretKey is a test key, which is refused in Production.");
        }

        if (!string.IsNullOrEmpty(options.PublishableKey) && !options.PublishableKey.StartsWith(live ? "pk_live_" : "pk_test_", StringComparison.Ordinal))
        {
            failures.Add("Commerce:Payments:Stripe:PublishableKey must be a pk_ key of the same mode (live/test) as the secret key.");
        }

        if (options.WebhookSecrets is not { Count: > 0 } || options.WebhookSecrets.Any(s => string.IsNullOrWhiteSpace(s)))
        {
            failures.Add("Commerce:Payments:Stripe:WebhookSecrets needs at least one secret (whsec_...) and no empty entries; set them from the environment.");
        }

        if (options.ApiBase is { } api && !(api.IsAbsoluteUri && (api.Scheme == Uri.UriSchemeHttps || (api.Scheme == Uri.UriSchemeHttp && api.IsLoopback))))
        {
            failures.Add("Commerce:Payments:Stripe:ApiBase must be an absolute https URL (http only for a local test server).");
        }

        if (options.ReturnUrl is { } back && !(back.IsAbsoluteUri && (back.Scheme == Uri.UriSchemeHttps || back.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add("Commerce:Payments:Stripe:ReturnUrl must be an absolute http(s) URL.");
        }

        if (options.MaxNetworkRetries is < 0 or > 5)
        {
            failures.Add("Commerce:Payments:Stripe:MaxNetworkRetries must be between 0 and 5.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Commerce:Payments:Stripe:RequestTimeout must be positive and at most 2 minutes.");
        }

        if (options.IdempotencyKeyPrefix is null || options.IdempotencyKeyPrefix.Length > 64)
        {
            failures.Add("Commerce:Payments:Stripe:IdempotencyKeyPrefix must be at most 64 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
