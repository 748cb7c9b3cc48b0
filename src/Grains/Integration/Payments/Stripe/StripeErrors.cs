using System.Net;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Payments;
using Stripe;

namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>How a Stripe API failure reads in our terms.</summary>
internal static class StripeErrors
{
    /// <summary>A card error (HTTP 402, type <c>card_error</c>): a decline, answered as a failed attempt rather than thrown.</summary>
    public static bool IsCardError(StripeException ex)
        => ex.HttpStatusCode == HttpStatusCode.PaymentRequired || ex.StripeError?.Type == "card_error";

    /// <summary>Worth retrying later with the same key: rate limited, Stripe's side failed, or no answer at all.</summary>
    public static bool IsTransient(StripeException ex)
        => ex.HttpStatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict || (int)ex.HttpStatusCode >= 500 || ex.HttpStatusCode == 0;

    public static string DeclineCode(StripeException ex) => PaymentDeclineCodes.FromStripe(ex.StripeError?.DeclineCode, ex.StripeError?.Code);

    /// <summary>
    /// Translates what is not a decline: transient failures become <see cref="PaymentGatewayUnavailableException"/>
    /// (the order tells the shopper to retry), a request Stripe rejects as invalid a <see cref="ValidationException"/>
    /// (e.g. an unknown card token), anything else (bad key, permissions) is left as it is: a configuration fault.
    /// </summary>
    public static Exception Translate(StripeException ex, string operation) => ex switch
    {
        _ when IsTransient(ex) => new PaymentGatewayUnavailableException($"Stripe could not {operation} (HTTP {(int)ex.HttpStatusCode}); retry with the same idempotency key.", ex),
        { HttpStatusCode: HttpStatusCode.BadRequest or HttpStatusCode.NotFound } =>
            new ValidationException($"Stripe refused to {operation}: {ex.StripeError?.Code ?? "invalid_request"}."),
        _ => ex,
    };
}
