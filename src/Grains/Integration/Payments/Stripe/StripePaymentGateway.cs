using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Common;
using Stripe;

namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>
/// <see cref="IPaymentGateway"/> on Stripe PaymentIntents. A payment is created and confirmed in one call with a
/// payment-method token from Stripe.js (never a card number); the order id travels in <c>metadata.order_id</c> so
/// webhooks find the order. Every call carries a Stripe idempotency key derived from ours, so a retry (Stripe.net's
/// own, or the order's after a transient failure) never charges twice. Declines are answers, not exceptions.
/// </summary>
public sealed partial class StripePaymentGateway : IPaymentGateway, IDisposable
{
    /// <summary>The metadata key webhooks map back to the order with.</summary>
    public const string OrderIdMetadataKey = "order_id";

    private readonly StripePaymentOptions _options;
    private readonly HttpClient _http;
    private readonly PaymentIntentService _intents;
    private readonly RefundService _refunds;
    private readonly ILogger<StripePaymentGateway> _logger;

    public StripePaymentGateway(IOptions<StripePaymentOptions> options, ILogger<StripePaymentGateway> logger)
    {
        _options = options.Value;
        _logger = logger;
        // Recycled connections follow DNS changes on Stripe's side; the timeout bounds each try, retries included.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = _options.RequestTimeout };
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = _options.SecretKey,
            HttpClient = new SystemNetHttpClient(_http, _options.MaxNetworkRetries),
            ApiBase = _options.ApiBase?.ToString().TrimEnd('/'),
        });
        _intents = new PaymentIntentService(client);
        _refunds = new RefundService(client);
    }

    public async Task<PaymentAttempt> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireToken(request.CardToken);
        var create = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.ToMinorUnits(),
            Currency = request.Amount.Currency.ToLowerInvariant(),
            PaymentMethod = request.CardToken,
            // Without a return URL no redirect-based method can finish, so Stripe must not offer one.
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = _options.ReturnUrl is null ? "never" : "always" },
            Confirm = true,
            CaptureMethod = _options.ManualCapture ? "manual" : "automatic",
            Metadata = new Dictionary<string, string> { [OrderIdMetadataKey] = request.OrderId },
            ReceiptEmail = string.IsNullOrWhiteSpace(request.CustomerEmail) ? null : request.CustomerEmail,
            ReturnUrl = _options.ReturnUrl?.ToString(),
        };

        try
        {
            var intent = await _intents.CreateAsync(create, Idempotency(request.IdempotencyKey), cancellationToken);
            var attempt = ToAttempt(intent);
            LogCreated(request.OrderId, intent.Id, intent.Status);
            return attempt;
        }
        catch (StripeException ex) when (StripeErrors.IsCardError(ex))
        {
            // Stripe keeps the failed intent; its id lets the order match the payment_failed webhook that follows.
            var declineCode = StripeErrors.DeclineCode(ex);
            var paymentId = ex.StripeError?.PaymentIntent?.Id ?? $"declined:{request.IdempotencyKey}";
            LogDeclined(request.OrderId, paymentId, declineCode);
            return new PaymentAttempt(paymentId, PaymentAttemptStatus.Failed, declineCode);
        }
        catch (Exception ex) when (Unavailable(ex, cancellationToken, "create a payment") is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<PaymentAttempt> CaptureAsync(string paymentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentId);
        try
        {
            return ToAttempt(await _intents.CaptureAsync(paymentId, null, Idempotency($"capture:{paymentId}"), cancellationToken));
        }
        catch (StripeException ex) when (StripeErrors.IsCardError(ex))
        {
            return new PaymentAttempt(paymentId, PaymentAttemptStatus.Failed, StripeErrors.DeclineCode(ex));
        }
        catch (Exception ex) when (Unavailable(ex, cancellationToken, "capture a payment") is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<RefundResult> RefundAsync(string paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var create = new RefundCreateOptions
        {
            PaymentIntent = paymentId,
            // Always explicit: a full refund is simply the whole amount, so a retry can never turn partial into full.
            Amount = amount.ToMinorUnits(),
        };

        try
        {
            var refund = await _refunds.CreateAsync(create, Idempotency($"refund:{idempotencyKey}"), cancellationToken);
            var succeeded = refund.Status is "succeeded" or "pending";
            LogRefunded(paymentId, refund.Id, refund.Status);
            return new RefundResult(refund.Id, Money.FromMinorUnits(refund.Amount, amount.Currency), succeeded, succeeded ? null : refund.FailureReason ?? refund.Status);
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.BadRequest || StripeErrors.IsCardError(ex))
        {
            // E.g. charge_already_refunded or an amount above what is left: a refusal, reported to the caller.
            var code = ex.StripeError?.Code ?? "refund_refused";
            LogRefundRefused(paymentId, code);
            return new RefundResult(string.Empty, amount, false, code);
        }
        catch (Exception ex) when (Unavailable(ex, cancellationToken, "refund a payment") is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task VoidAsync(string paymentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentId);
        try
        {
            await _intents.CancelAsync(paymentId, null, Idempotency($"void:{paymentId}"), cancellationToken);
        }
        catch (StripeException ex) when (ex.StripeError?.PaymentIntent?.Status == "canceled")
        {
            // Already cancelled (e.g. our earlier try got through but its answer was lost): done.
        }
        catch (Exception ex) when (Unavailable(ex, cancellationToken, "void a payment") is { } unavailable)
        {
            throw unavailable;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The status Stripe reports now; the final one comes by webhook.</summary>
    internal static PaymentAttempt ToAttempt(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => new PaymentAttempt(intent.Id, PaymentAttemptStatus.Succeeded),
        "requires_capture" => new PaymentAttempt(intent.Id, PaymentAttemptStatus.Authorized),
        "canceled" => new PaymentAttempt(intent.Id, PaymentAttemptStatus.Canceled),
        "requires_action" => new PaymentAttempt(intent.Id, PaymentAttemptStatus.RequiresAction, NextActionUrl: intent.NextAction?.RedirectToUrl?.Url),
        "requires_payment_method" => new PaymentAttempt(intent.Id, PaymentAttemptStatus.Failed,
            DeclineCodeOf(intent.LastPaymentError)),
        _ => new PaymentAttempt(intent.Id, PaymentAttemptStatus.Processing),
    };

    private static string DeclineCodeOf(StripeError? error)
        => Interfaces.Payments.PaymentDeclineCodes.FromStripe(error?.DeclineCode, error?.Code);

    private RequestOptions Idempotency(string ourKey) => new() { IdempotencyKey = _options.IdempotencyKeyPrefix + ourKey };

    /// <summary>A card number must never reach us, let alone Stripe: tokens only (pm_…, tok_…).</summary>
    private static void RequireToken(string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 255)
        {
            throw new ValidationException("A payment method token is required.");
        }

        if (CardNumberLike().IsMatch(token))
        {
            throw new ValidationException("Send a payment method token from Stripe.js, never a card number.");
        }
    }

    /// <summary>The transient failures that the caller may retry with the same key; null for the rest.</summary>
    private Exception? Unavailable(Exception ex, CancellationToken cancellationToken, string operation)
    {
        switch (ex)
        {
            case StripeException stripe:
                var translated = StripeErrors.Translate(stripe, operation);
                if (translated is PaymentGatewayUnavailableException)
                {
                    // Expected now and then (rate limits, Stripe incidents): a warning, the order retries.
                    LogTransient(operation, (int)stripe.HttpStatusCode, stripe.StripeError?.Code);
                }

                return ReferenceEquals(translated, stripe) ? null : translated;
            case HttpRequestException:
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                LogTransient(operation, 0, ex.GetType().Name);
                return new PaymentGatewayUnavailableException($"Stripe could not be reached to {operation}; retry with the same idempotency key.", ex);
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^[\d\s-]{12,23}$")]
    private static partial Regex CardNumberLike();

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe payment {PaymentId} for order {OrderId} created: {StripeStatus}")]
    private partial void LogCreated(string orderId, string paymentId, string stripeStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe declined payment {PaymentId} for order {OrderId}: {DeclineCode}")]
    private partial void LogDeclined(string orderId, string paymentId, string declineCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe refund {RefundId} of payment {PaymentId}: {StripeStatus}")]
    private partial void LogRefunded(string paymentId, string refundId, string stripeStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe refused a refund of payment {PaymentId}: {Code}")]
    private partial void LogRefundRefused(string paymentId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe unavailable to {Operation} (HTTP {Status}, {Code}); the caller retries with the same key")]
    private partial void LogTransient(string operation, int status, string? code);
}
