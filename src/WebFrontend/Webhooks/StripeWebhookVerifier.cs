using System.Globalization;
using PacificEdge.Grains.Interfaces.Payments;
using Stripe;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// Verifies a webhook from Stripe with Stripe.net's own check (<see cref="EventUtility.ValidateSignature(string, string, string, long, long)"/>),
/// trying each configured secret so one can be rotated without dropping events. Results use the same vocabulary as
/// our sandbox verifier, so the endpoint answers both alike.
/// </summary>
public static class StripeWebhookVerifier
{
    public static PaymentWebhookVerificationResult Verify(string json, string? header, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (secrets is not { Count: > 0 } || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one webhook secret is required, and none may be empty.", nameof(secrets));
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            return PaymentWebhookVerificationResult.MissingHeader;
        }

        if (header.Length > PaymentWebhookSignature.MaxHeaderLength || Timestamp(header) is not { } timestamp)
        {
            return PaymentWebhookVerificationResult.Malformed;
        }

        var outsideTolerance = false;
        foreach (var secret in secrets)
        {
            try
            {
                EventUtility.ValidateSignature(json, header, secret, (long)tolerance.TotalSeconds, now.ToUnixTimeSeconds());
                return PaymentWebhookVerificationResult.Valid;
            }
            catch (StripeException ex) when (ex.Message.Contains("tolerance", StringComparison.OrdinalIgnoreCase))
            {
                // Stripe.net checks the signature before the time, so this secret matched: only the timestamp is off.
                outsideTolerance = true;
            }
            catch (StripeException)
            {
                // Not this secret (or an unreadable header); the next one may match.
            }
        }

        if (!outsideTolerance)
        {
            return PaymentWebhookVerificationResult.NoMatchingSignature;
        }

        return timestamp > now ? PaymentWebhookVerificationResult.FutureTimestamp : PaymentWebhookVerificationResult.StaleTimestamp;
    }

    private static DateTimeOffset? Timestamp(string header)
    {
        foreach (var item in header.Split(','))
        {
            var parts = item.Split('=', 2);
            if (parts.Length == 2 && parts[0].Trim() == "t"
                && long.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return null;
    }
}
