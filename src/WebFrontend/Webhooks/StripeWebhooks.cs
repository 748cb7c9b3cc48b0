using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using PacificEdge.Grains.Interfaces.Payments;
using Stripe;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// The /webhooks/payments path when <c>Commerce:Payments:Provider</c> is Stripe: Stripe.net verifies the signature
/// (each of <c>Commerce:Payments:Stripe:WebhookSecrets</c>, else <c>Webhooks:PaymentSecrets</c>, with the same
/// tolerance), the Stripe event is mapped to our <see cref="Grains.Interfaces.Orders.PaymentEvent"/>, and what is
/// stored is that event in our own webhook shape, so the processor and replays work as for the sandbox.
/// </summary>
public static class StripeWebhooks
{
    public const string SecretsKey = "Commerce:Payments:Stripe:WebhookSecrets";

    public static bool IsStripeProvider(IConfiguration configuration)
        => string.Equals(configuration["Commerce:Payments:Provider"], "Stripe", StringComparison.OrdinalIgnoreCase);

    public static async Task<Results<Accepted<WebhookAck>, Ok<WebhookAck>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, byte[] body, WebhookIntake intake, WebhookOptions settings, IConfiguration configuration,
        TimeProvider time, StripeOrderLookup stripeOrders, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return await RejectAsync("malformed", 400, "The webhook body is not UTF-8.");
        }

        var header = request.Headers[PaymentWebhookSignature.HeaderName].ToString();
        var verdict = StripeWebhookVerifier.Verify(json, header, Secrets(settings, configuration), time.GetUtcNow(), settings.PaymentTolerance);
        if (verdict != PaymentWebhookVerificationResult.Valid)
        {
            return await RejectAsync(verdict.ToString(), verdict == PaymentWebhookVerificationResult.NoMatchingSignature ? 401 : 400, verdict switch
            {
                PaymentWebhookVerificationResult.MissingHeader => $"The {PaymentWebhookSignature.HeaderName} header is missing.",
                PaymentWebhookVerificationResult.StaleTimestamp => "The webhook timestamp is too old.",
                PaymentWebhookVerificationResult.FutureTimestamp => "The webhook timestamp is in the future.",
                PaymentWebhookVerificationResult.NoMatchingSignature => "The webhook signature does not match.",
                _ => $"The {PaymentWebhookSignature.HeaderName} header is malformed.",
            });
        }

        PaymentWebhookParseResult parsed;
        try
        {
            parsed = await StripeWebhookEventMapper.MapAsync(json, stripeOrders.OrderIdOfAsync, cancellationToken);
        }
        catch (PaymentWebhookFormatException ex)
        {
            return await RejectAsync("malformed", 400, $"The webhook body is not a valid event: {ex.Message}");
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException)
        {
            // The order lookup could not reach Stripe: nothing is stored, and Stripe redelivers on a 5xx.
            return TypedResults.Problem("The payment provider could not be asked which order this event is for; retry later.", statusCode: 503);
        }

        if (!parsed.IsKnownType)
        {
            // Stripe sends what the endpoint subscribes to; an extra type is acknowledged so Stripe does not retry it for days.
            return TypedResults.Ok(new WebhookAck(parsed.EventId, "ignored"));
        }

        var normalised = PaymentWebhookEventBuilder.Build(parsed.Event);
        return await intake.AcceptAsync(request.HttpContext, PaymentWebhookEndpoint.Provider, parsed.EventId, parsed.EventType, normalised, cancellationToken);

        Task<ProblemHttpResult> RejectAsync(string reason, int status, string detail)
            => intake.RejectAsync(request.HttpContext, PaymentWebhookEndpoint.Provider, reason, status, detail);
    }

    private static IReadOnlyList<string> Secrets(WebhookOptions settings, IConfiguration configuration)
    {
        var stripe = configuration.GetSection(SecretsKey).Get<List<string>>()?.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (stripe is { Count: > 0 })
        {
            return stripe;
        }

        return settings.PaymentSecrets.Count > 0
            ? settings.PaymentSecrets
            : throw new InvalidOperationException($"No Stripe webhook secret is configured ({SecretsKey}).");
    }
}
