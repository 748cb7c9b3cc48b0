using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Hosting;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Shipping;
using PacificEdge.Simulators.Hosting;
using PacificEdge.Simulators.Payments;
using PacificEdge.Simulators.Shipping;

namespace PacificEdge.Grains.Tests.Integration.Hosting;

public sealed class CommerceIntegrationRegistrationTests
{
    [Fact]
    public async Task Sandbox_defaults_wire_every_port_and_shipping_goes_through_the_simulator()
    {
        await using var services = Build(new Dictionary<string, string?>
        {
            ["Commerce:Payments:Sandbox:WebhookSecret"] = "whsec_registration_test_secret",
        });

        Assert.IsType<SandboxPaymentGateway>(services.GetRequiredService<IPaymentGateway>());
        Assert.IsType<HttpPaymentWebhookTransport>(services.GetRequiredService<IPaymentWebhookTransport>());
        Assert.IsType<NotificationService>(services.GetRequiredService<INotificationService>());
        Assert.IsType<MemoryEmailLog>(services.GetRequiredService<IEmailLog>());
        Assert.IsType<SandboxEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.Same(services.GetRequiredService<EmailRetryService>(), Assert.Single(services.GetServices<IHostedService>()));
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());

        var platform = services.GetRequiredService<IShippingPlatform>();
        Assert.IsType<ShipStationClient>(platform);
        var order = new ShippingOrder(
            "shp_ord_1", "ord_1", "shopper@example.com", new Address("Ada", "1 Main St", "Seattle", "98101", "US"), [new ShipmentItem("SKU-1", "Thing", 1)]);
        var platformOrderId = Assert.Single(await platform.CreateOrdersAsync([order], default)).PlatformOrderId;

        var simulator = services.GetRequiredService<ShipStationSimulator>();
        Assert.Equal(platformOrderId, simulator.FindOrder("shp_ord_1")!.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Configuration_selects_smtp_and_binds_settings()
    {
        await using var services = Build(new Dictionary<string, string?>
        {
            ["Commerce:Payments:Sandbox:WebhookSecret"] = "whsec_registration_test_secret",
            ["Commerce:Payments:Sandbox:DuplicateDeliveries"] = "2",
            ["Commerce:Email:Mode"] = "Smtp",
            ["Commerce:Email:Smtp:Host"] = "smtp.example.com",
            ["Commerce:Email:Smtp:Port"] = "2525",
            ["Commerce:Email:Smtp:Security"] = "SslOnConnect",
            ["Commerce:Email:UnsubscribeKey"] = "unsubscribe-key-for-tests",
            ["Commerce:Shipping:RequestsPerMinute"] = "20",
            ["Commerce:Shipping:BaseUrl"] = "https://ssapi.example.test",
            ["Commerce:Payments:Sandbox:SlowDelay"] = "00:00:07",
        });

        Assert.IsType<MailKitEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.Equal(2525, services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Port);
        Assert.Equal(MailKit.Security.SecureSocketOptions.SslOnConnect, services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Security);
        Assert.Equal(2, services.GetRequiredService<IOptions<PaymentSandboxOptions>>().Value.DuplicateDeliveries);
        Assert.Equal(20, services.GetRequiredService<ShippingRequestLimiter>().AvailablePermits);
        Assert.Equal(new Uri("https://ssapi.example.test"), services.GetRequiredService<IOptions<ShippingOptions>>().Value.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(7), services.GetRequiredService<IOptions<PaymentSandboxOptions>>().Value.SlowDelay);
    }

    [Theory]
    [InlineData("Commerce:Payments:Sandbox:WebhookSecret", "", "WebhookSecret")]
    [InlineData("Commerce:Shipping:Mode", "Live", "ApiKey")]
    [InlineData("Commerce:Email:Mode", "Smtp", "Host")]
    [InlineData("Commerce:Email:Mode", "Smtp", "UnsubscribeKey")]
    [InlineData("Commerce:Email:Smtp:Security", "Auto", "Security")]
    [InlineData("Commerce:Email:From", "Pacific Edge Labs", "From")]
    [InlineData("Commerce:Email:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Commerce:Shipping:BreakerFailureRatio", "1.5", "BreakerFailureRatio")]
    [InlineData("Commerce:Shipping:RetryAfterCap", "00:00:14", "RetryAfterCap")]
    [InlineData("Commerce:Shipping:TotalTimeout", "00:00:05", "TotalTimeout")]
    public async Task Invalid_settings_fail_validation_with_a_clear_message(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Commerce:Payments:Sandbox:WebhookSecret"] = "whsec_registration_test_secret", [key] = value };
        await using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_stripe_selected_the_sandbox_settings_are_not_required()
    {
        // No sandbox webhook secret at all, and a sandbox setting that would fail its own validation.
        await using var services = Build(new Dictionary<string, string?>
        {
            ["Commerce:Payments:Provider"] = "Stripe",
            ["Commerce:Payments:Stripe:SecretKey"] = "sk_live_placeholder",
            ["Commerce:Payments:Stripe:WebhookSecrets:0"] = "whsec_registration_test_secret",
            ["Commerce:Payments:Sandbox:DuplicateDeliveries"] = "99",
        });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<PacificEdge.Grains.Integration.Payments.Stripe.StripePaymentGateway>(services.GetRequiredService<IPaymentGateway>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Sandbox")]
    public async Task With_the_sandbox_selected_its_webhook_secret_is_required(string? provider)
    {
        await using var services = Build(new Dictionary<string, string?> { ["Commerce:Payments:Provider"] = provider });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Commerce:Payments:Sandbox:WebhookSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_disposed_synchronously_stops_the_sandbox_cleanly()
    {
        var services = Build(new Dictionary<string, string?> { ["Commerce:Payments:Sandbox:WebhookSecret"] = "whsec_registration_test_secret" });
        var gateway = (SandboxPaymentGateway)services.GetRequiredService<IPaymentGateway>();

        services.Dispose();

        await gateway.WhenIdleAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => gateway.CreatePaymentAsync(
            new PaymentRequest("ord_1", new Money(1m, "USD"), SandboxCardTokens.Visa, "key-1", "a@example.com"), default));
    }

    [Fact]
    public async Task With_postgres_the_sandbox_is_durable_and_its_delivery_loop_is_hosted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Commerce:Payments:Sandbox:WebhookSecret"] = "whsec_registration_test_secret",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        await using var dataSource = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused");
        services.AddSingleton(dataSource);
        services.AddCommerceIntegrations(usePostgres: true);
        services.AddCommerceSimulators(usePostgres: true);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<PostgresSandboxPaymentGateway>(provider.GetRequiredService<IPaymentGateway>());
        var dispatcher = provider.GetRequiredService<SandboxWebhookDispatcher>();
        Assert.Same(dispatcher, provider.GetRequiredService<ISandboxWebhookDeliveries>());
        Assert.Contains(dispatcher, provider.GetServices<IHostedService>());
        Assert.Null(provider.GetService<SandboxPaymentGateway>());
    }

    [Fact]
    public void Registering_twice_changes_nothing()
    {
        var services = new ServiceCollection();
        services.AddCommerceIntegrations(usePostgres: false);
        var count = services.Count;

        services.AddCommerceIntegrations(usePostgres: false);

        Assert.Equal(count, services.Count);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCommerceIntegrations(usePostgres: false);
        services.AddCommerceSimulators(usePostgres: false);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
