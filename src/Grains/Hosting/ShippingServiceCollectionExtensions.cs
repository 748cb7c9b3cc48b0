using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Shipping;
using Polly.Telemetry;

namespace PacificEdge.Grains.Hosting;

/// <summary>Registers the shipping platform: options (validated at start-up), the typed ShipStation client and its handlers.</summary>
public static class ShippingServiceCollectionExtensions
{
    // The resilience handler's pipeline as Polly's telemetry names it (typed client name, then handler name).
    private const string ShippingPipelineName = nameof(ShipStationClient) + "-" + ShippingResilience.PipelineName;

    // Polly's timeout strategy refuses less.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Adds <see cref="ShippingOptions"/> (section <c>Commerce:Shipping</c>), <see cref="ShipStationClient"/> as a typed
    /// <see cref="HttpClient"/> (also as <see cref="IShippingPlatform"/>) with the <see cref="ShippingResilience"/>
    /// handler outside the rate-limit handler. In Sandbox mode the primary handler is the <see cref="HttpMessageHandler"/>
    /// registered under the key <see cref="ShippingMode.Sandbox"/> (the host adds the simulator; this library does not
    /// know it). Uses the registered <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    public static IServiceCollection AddCommerceShipping(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ShippingOptions>().BindConfiguration(ShippingOptions.SectionName)
            .Validate(o => o.BaseUrl is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && (o.Mode == ShippingMode.Sandbox || u.IsLoopback))), "Commerce:Shipping:BaseUrl must be an absolute https URL (http only for a loopback host).")
            .Validate(o => o.Mode != ShippingMode.Live || (!string.IsNullOrWhiteSpace(o.ApiKey) && !string.IsNullOrWhiteSpace(o.ApiSecret)), "Commerce:Shipping:ApiKey and ApiSecret are required in Live mode; set them from the environment.")
            .Validate(o => o.RequestsPerMinute is >= 1 and <= 10_000 && o.PermitQueueLimit >= 0 && o.PermitWaitTimeout >= TimeSpan.Zero, "Commerce:Shipping:RequestsPerMinute must be 1-10000, PermitQueueLimit and PermitWaitTimeout not negative.")
            .Validate(o => o.RequestTimeout >= MinimumTimeout && o.TotalTimeout >= o.RequestTimeout, "Commerce:Shipping:RequestTimeout must be at least 10 ms and TotalTimeout at least RequestTimeout.")
            .Validate(o => o.RetryMaxAttempts is >= 0 and <= 10 && o.RetryBaseDelay >= TimeSpan.Zero && o.RetryAfterCap >= TimeSpan.Zero, "Commerce:Shipping:RetryMaxAttempts must be 0-10 and retry delays not negative.")
            // Both waits happen inside one attempt, so they must leave it time to send.
            .Validate(o => o.PermitWaitTimeout + o.RetryAfterCap < o.RequestTimeout, "Commerce:Shipping:PermitWaitTimeout plus RetryAfterCap must be shorter than RequestTimeout.")
            .Validate(o => o.BreakerFailureRatio is > 0 and <= 1 && o.BreakerMinimumThroughput >= 2, "Commerce:Shipping:BreakerFailureRatio must be in (0, 1] and BreakerMinimumThroughput at least 2.")
            .Validate(o => o.BreakerSamplingDuration >= TimeSpan.FromMilliseconds(500) && o.BreakerBreakDuration >= TimeSpan.FromMilliseconds(500), "Commerce:Shipping breaker durations must be at least 0.5 s.")
            .Validate(o => o.RateLimitWindow >= TimeSpan.FromSeconds(1) && o.RateLimitWindow <= TimeSpan.FromHours(1), "Commerce:Shipping:RateLimitWindow must be between 1 s and 1 hour.")
            .Validate(o => o.BatchSize is >= 1 and <= ShippingOptions.MaxOrdersPerRequest && o.BatchBacklogLimit >= o.BatchSize, "Commerce:Shipping:BatchSize must be 1-100 and BatchBacklogLimit at least BatchSize.")
            .Validate(o => o.BatchLinger >= TimeSpan.Zero && o.BatchLinger < o.HandOffTimeout, "Commerce:Shipping:BatchLinger must not be negative and must be shorter than HandOffTimeout.")
            .Validate(o => o.SimulatorFailureRate is >= 0 and <= 1, "Commerce:Shipping:SimulatorFailureRate must be between 0 and 1.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ShippingRequestLimiter>();
        services.TryAddSingleton<ShipStationRateLimitGate>();
        services.TryAddTransient<ShipStationRateLimitHandler>();
        services.TryAddTransient<IShippingPlatform>(sp => sp.GetRequiredService<ShipStationClient>());
        services.AddHttpClient<ShipStationClient>()

            // The pipeline bounds every call (TotalTimeout); HttpClient's own 100 s default would only get in its way.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                sp.GetRequiredService<IOptions<ShippingOptions>>().Value.Mode == ShippingMode.Sandbox
                    ? sp.GetKeyedService<HttpMessageHandler>(ShippingMode.Sandbox)
                        ?? throw new InvalidOperationException("Commerce:Shipping:Mode is Sandbox, but no shipping simulator is registered (the host calls AddCommerceSimulators).")
                    : new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddResilienceHandler(ShippingResilience.PipelineName, (builder, context) => ShippingResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<ShippingOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(ShippingResilience).FullName!) ?? NullLogger.Instance));

        // Polly's own telemetry logs every handled attempt and retry at Warning. Our pipeline logs its retries itself
        // (ShippingResilience: a 429 at Information, a failure at Warning), so Polly's copies of those are Information.
        services.Configure<TelemetryOptions>(telemetry =>
        {
            var otherwise = telemetry.SeverityProvider;
            telemetry.SeverityProvider = args => args.Source.PipelineName == ShippingPipelineName && args.Event.EventName is "OnRetry" or "ExecutionAttempt"
                ? ResilienceEventSeverity.Information
                : otherwise?.Invoke(args) ?? args.Event.Severity;
        });

        // Added after the resilience handler, so it sits inside it: each attempt is paced, retries included.
        services.AddHttpClient<ShipStationClient>().AddHttpMessageHandler<ShipStationRateLimitHandler>();
        return services;
    }
}
