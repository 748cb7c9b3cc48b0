using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// The shipping client's in-call resilience, as the HTTP resilience handler of <see cref="ShipStationClient"/>
/// (one pipeline, so one circuit, per process): total timeout, then quick retries with exponential backoff and
/// jitter, then the circuit breaker, then the per-attempt timeout, all from <see cref="ShippingOptions"/>. Long
/// waits are the caller's business (reminder backoff): a 429 asking for more than
/// <see cref="ShippingOptions.RetryAfterCap"/> is handed back, and the client turns it into
/// <see cref="ShippingRateLimitedException"/>.
/// </summary>
public static partial class ShippingResilience
{
    /// <summary>The resilience handler's pipeline name (the registry key is the client name plus this).</summary>
    public const string PipelineName = "shipstation";

    /// <summary>
    /// True for failures worth retrying later: transient platform errors (rate limits included), an open circuit
    /// and a call that ran out of time. The client already maps the latter two to transient <see cref="ShippingPlatformException"/>s.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ShippingPlatformException platform => platform.Transient,
        BrokenCircuitException or TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>Builds the pipeline from validated options; every delay and timeout runs on <paramref name="time"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ShippingOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.TimeProvider = time;
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.RetryMaxAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.RetryMaxAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                // Our DelayGenerator reads Retry-After (and X-Rate-Limit-Reset) itself, with the cap applied in ShouldHandle.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.RetryAfterCap, time)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited
                        ? ShipStationRateLimitHeaders.RetryAfter(limited, time.GetUtcNow())
                        : null),
                OnRetry = args =>
                {
                    // A 429 within the cap is the platform pacing us, not a failure: Information.
                    if (args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests })
                    {
                        LogRateLimitedRetry(logger, args.AttemptNumber + 2, args.RetryDelay);
                    }
                    else
                    {
                        LogRetry(logger, Describe(args.Outcome), args.AttemptNumber + 2, args.RetryDelay);
                    }

                    return default;
                },
            });
        }

        // Inside the retry, so every attempt counts towards the circuit, and an open circuit stops the retries.
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,

            // A rate limit says nothing about the platform's health, and a rejected request is our fault.
            ShouldHandle = args => ValueTask.FromResult(IsPlatformFailure(args.Outcome)),
            OnOpened = args =>
            {
                LogCircuitOpened(logger, Describe(args.Outcome), args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(logger);
                return default;
            },
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.RequestTimeout });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan retryAfterCap, TimeProvider time) => outcome switch
    {
        { Result: { StatusCode: HttpStatusCode.TooManyRequests } limited } => ShipStationRateLimitHeaders.RetryAfter(limited, time.GetUtcNow()) <= retryAfterCap,
        _ => IsPlatformFailure(outcome),
    };

    // Network failures, attempt timeouts, 5xx and 408. Not our client-side rate-limit refusals (ShippingPlatformException)
    // nor the caller's cancellation.
    private static bool IsPlatformFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    // The outcome as a short text: exceptions here are expected and are logged without their stack traces.
    private static string Describe(Outcome<HttpResponseMessage>? outcome) => outcome switch
    {
        { Exception: { } ex } => ex.GetType().Name,
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "unknown",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping platform call failed ({Outcome}); attempt {NextAttempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string outcome, int nextAttempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping platform asked us to wait (429); attempt {NextAttempt} in {Delay}")]
    private static partial void LogRateLimitedRetry(ILogger logger, int nextAttempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shipping platform circuit opened for {BreakDuration} after {Outcome}")]
    private static partial void LogCircuitOpened(ILogger logger, string outcome, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping platform circuit closed")]
    private static partial void LogCircuitClosed(ILogger logger);
}
