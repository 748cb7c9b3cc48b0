using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments.Stripe;

namespace PacificEdge.Grains.Tests.Integration.Payments.Stripe;

public sealed class StripePaymentOptionsValidatorTests
{
    [Theory]
    [InlineData("Production", "sk_live_placeholder", true)]
    [InlineData("Production", "sk_test_placeholder", false)]
    [InlineData("Development", "sk_test_placeholder", true)]
    [InlineData("Staging", "sk_test_placeholder", true)]
    [InlineData("Development", "sk_live_placeholder", false)]
    [InlineData("Staging", "rk_live_placeholder", false)]
    [InlineData("Development", "pk_test_placeholder", false)]
    [InlineData("Development", "", false)]
    public void Live_keys_only_in_Production_and_test_keys_never_there(string environment, string key, bool valid)
    {
        var result = Validate(environment, Options(key));

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("SecretKey", result.FailureMessage);
            Assert.DoesNotContain(key is "" ? "\u0000" : key, result.FailureMessage); // never echo the secret
        }
    }

    [Fact]
    public void Nothing_is_checked_while_the_sandbox_is_the_provider()
    {
        var result = new StripePaymentOptionsValidator(Microsoft.Extensions.Options.Options.Create(new PaymentProviderOptions()), new Env("Production"))
            .Validate(null, new StripePaymentOptions());

        Assert.True(result.Skipped);
    }

    [Fact]
    public void Webhook_secrets_retries_and_urls_are_checked()
    {
        var options = Options("sk_test_placeholder");
        options.WebhookSecrets = [];
        options.MaxNetworkRetries = 9;
        options.ApiBase = new Uri("http://api.example.com");

        var result = Validate("Development", options);

        Assert.True(result.Failed);
        Assert.Contains("WebhookSecrets", result.FailureMessage);
        Assert.Contains("MaxNetworkRetries", result.FailureMessage);
        Assert.Contains("ApiBase", result.FailureMessage);
    }

    private static StripePaymentOptions Options(string key) => new() { SecretKey = key, WebhookSecrets = ["whsec_placeholder"] };

    private static ValidateOptionsResult Validate(string environment, StripePaymentOptions options)
        => new StripePaymentOptionsValidator(Microsoft.Extensions.Options.Options.Create(new PaymentProviderOptions { Provider = PaymentProvider.Stripe }), new Env(environment))
            .Validate(null, options);

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
