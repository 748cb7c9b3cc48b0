using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// Short, in-call resilience for shipping platform calls: one Polly pipeline (and so one circuit) per provider,
/// shared by every grain in the process. A call is bounded by <see cref="ShippingOptions.TotalTimeout"/>, retried
/// quickly on transient failures, and rejected at once while the provider's circuit is open. Long waits are the
/// caller's business (reminder backoff): a rate limit asking for more than <see cref="ShippingOptions.RetryAfterCap"/>
/// is passed straight through. Callers should treat <see cref="IsTransient"/> failures as "try again later".
/// </summary>
public sealed partial class ShippingResilience
{
    private readonly ShippingOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ShippingResilience> logger;
    private readonly ConcurrentDictionary<string, ResiliencePipeline> pipelines = new(StringComparer.Ordinal);

    public ShippingResilience(IOptions<ShippingOptions> options, TimeProvider time, ILogger<ShippingResilience> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// True for failures worth retrying later: transient platform errors (rate limits included), an open circuit
    /// (<see cref="BrokenCircuitException"/>) and a call that ran out of time (<see cref="TimeoutRejectedException"/>).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ShippingPlatformException platform => platform.Transient,
        BrokenCircuitException or TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>Runs <paramref name="call"/> through the provider's pipeline.</summary>
    /// <exception cref="BrokenCircuitException">The provider's circuit is open: transient, try later.</exception>
    /// <exception cref="TimeoutRejectedException">The call (retries included) took longer than the total timeout: transient.</exception>
    /// <exception cref="ShippingPlatformException">The last failure, once retries are used up or not allowed.</exception>
    public async Task<T> ExecuteAsync<T>(string provider, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(call);
        var pipeline = pipelines.GetOrAdd(provider, Build);
        return await pipeline.ExecuteAsync(static (state, ct) => state(ct), call, cancellationToken).ConfigureAwait(false);
    }

    private ResiliencePipeline Build(string provider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time, Name = $"shipping-{provider}" };
        builder.AddTimeout(options.TotalTimeout);
        if (options.RetryMaxAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.RetryMaxAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<ShippingPlatformException>(ShouldRetry),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is ShippingRateLimitedException limited ? limited.RetryAfter : null),
                OnRetry = args =>
                {
                    LogRetry(args.Outcome.Exception, provider, args.AttemptNumber + 2, args.RetryDelay);
                    return default;
                },
            });
        }

        // Inside the retry, so every attempt counts towards the circuit, and an open circuit stops the retries.
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,

            // A rate limit says nothing about the platform's health; a rejected request is our fault.
            ShouldHandle = new PredicateBuilder().Handle<ShippingPlatformException>(ex => ex.Transient && ex is not ShippingRateLimitedException),
            OnOpened = args =>
            {
                LogCircuitOpened(args.Outcome.Exception, provider, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(provider);
                return default;
            },
        });
        return builder.Build();
    }

    private bool ShouldRetry(ShippingPlatformException exception) => exception switch
    {
        ShippingRateLimitedException limited => limited.RetryAfter <= options.RetryAfterCap,
        _ => exception.Transient,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping provider {Provider} call failed; attempt {NextAttempt} in {Delay}")]
    private partial void LogRetry(Exception? exception, string provider, int nextAttempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shipping provider {Provider} circuit opened for {BreakDuration}")]
    private partial void LogCircuitOpened(Exception? exception, string provider, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping provider {Provider} circuit closed")]
    private partial void LogCircuitClosed(string provider);
}
