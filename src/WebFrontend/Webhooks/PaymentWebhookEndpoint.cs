using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// POST /webhooks/payments: verify the Stripe-style signature over the raw body, parse, store the
/// raw event (unique per event id) and answer 202 at once; processing is asynchronous. A replay is
/// acknowledged (200) and changes nothing. Anything invalid is a 4xx problem and changes nothing.
/// </summary>
public static class PaymentWebhookEndpoint
{
    public const string Provider = "payments";

    public static async Task<Results<Accepted<WebhookAck>, Ok<WebhookAck>, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        WebhookIntake intake,
        IOptions<WebhookOptions> options,
        IConfiguration configuration,
        TimeProvider time,
        StripeOrderLookup stripeOrders,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = await WebhookBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return await RejectAsync("oversized", StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");
        }

        if (StripeWebhooks.IsStripeProvider(configuration))
        {
            return await StripeWebhooks.HandleAsync(request, body, intake, settings, configuration, time, stripeOrders, cancellationToken);
        }

        var secrets = Secrets(settings, configuration);
        var verdict = PaymentWebhookSignature.Verify(body, request.Headers[PaymentWebhookSignature.HeaderName].ToString(), secrets, time.GetUtcNow(), settings.PaymentTolerance);
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

        var json = Encoding.UTF8.GetString(body);
        PaymentWebhookParseResult parsed;
        try
        {
            parsed = PaymentWebhookParser.Parse(json);
        }
        catch (PaymentWebhookFormatException ex)
        {
            return await RejectAsync("malformed", 400, $"The webhook body is not a valid event: {ex.Message}");
        }

        if (!parsed.IsKnownType)
        {
            return await RejectAsync("unknown_type", 422, $"Event type '{parsed.EventType}' is not handled.");
        }

        return await intake.AcceptAsync(request.HttpContext, Provider, parsed.EventId, parsed.EventType, json, cancellationToken);

        Task<ProblemHttpResult> RejectAsync(string reason, int status, string detail) => intake.RejectAsync(request.HttpContext, Provider, reason, status, detail);
    }

    private static IReadOnlyList<string> Secrets(WebhookOptions settings, IConfiguration configuration)
    {
        if (settings.PaymentSecrets.Count > 0)
        {
            return settings.PaymentSecrets;
        }

        var sandbox = configuration["Commerce:Payments:Sandbox:WebhookSecret"];
        return string.IsNullOrEmpty(sandbox) ? throw new InvalidOperationException("No payment webhook secret is configured (Webhooks:PaymentSecrets).") : [sandbox];
    }
}

/// <summary>What a webhook call is told.</summary>
public sealed record WebhookAck(string EventId, string Status);
