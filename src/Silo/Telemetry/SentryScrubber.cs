using System.Text.RegularExpressions;
using Sentry;

namespace PacificEdge.Silo.Telemetry;

/// <summary>
/// What leaves for Sentry: no request body, cookies, query string or headers beyond a short harmless list (so
/// no Authorization, Cookie, Stripe-Signature or X-Webhook-Token), and card numbers, provider keys, webhook
/// signatures and URL query strings masked wherever text can carry them (messages, exception values, breadcrumbs,
/// extras).
/// </summary>
public static partial class SentryScrubber
{
    private static readonly HashSet<string> KeptHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Content-Type", "Content-Length", "Host", "User-Agent", "X-Correlation-Id",
    };

    public static SentryEvent Scrub(SentryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var request = e.Request;
        request.Data = null;
        request.Cookies = null;
        request.QueryString = null;
        request.Url = request.Url is { } url ? StripQuery(url) : null;
        foreach (var name in request.Headers.Keys.Where(h => !KeptHeaders.Contains(h)).ToList())
        {
            request.Headers.Remove(name);
        }

        request.Env.Clear();
        if (e.Message is { } message)
        {
            message.Message = Mask(message.Message);
            message.Formatted = Mask(message.Formatted);
        }

        foreach (var exception in e.SentryExceptions ?? [])
        {
            exception.Value = Mask(exception.Value);
        }

        foreach (var (key, value) in e.Extra.ToList())
        {
            e.SetExtra(key, value is string text ? Mask(text) : value);
        }

        return e;
    }

    public static Breadcrumb Scrub(Breadcrumb breadcrumb)
    {
        ArgumentNullException.ThrowIfNull(breadcrumb);
        var data = breadcrumb.Data?.ToDictionary(kv => kv.Key, kv => Mask(kv.Value) ?? string.Empty, StringComparer.Ordinal);
        if (data is not null && data.TryGetValue("url", out var url))
        {
            data["url"] = StripQuery(url);
        }

        // Called as the breadcrumb is recorded, so the new one's timestamp is the same moment.
        return new Breadcrumb(Mask(breadcrumb.Message) ?? string.Empty, breadcrumb.Type ?? "default", data, breadcrumb.Category, breadcrumb.Level);
    }

    /// <summary>The text with card numbers, provider secrets, signatures and bearer tokens replaced by placeholders.</summary>
    public static string? Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = UrlQuery().Replace(text, "$1?[query]");
        text = CardNumber().Replace(text, "[card]");
        text = ProviderSecret().Replace(text, "[secret]");
        text = Signature().Replace(text, "[signature]");
        return Bearer().Replace(text, "Bearer [secret]");
    }

    private static string StripQuery(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? url : url[..query];
    }

    // Query strings of URLs in text (guest order links carry their token there; ASP.NET Core logs request URLs).
    [GeneratedRegex(@"(https?://[^\s?#]+)\?[^\s#]*")]
    private static partial Regex UrlQuery();

    // 13 to 19 digits, optionally grouped by spaces or dashes: the shapes of a card number.
    [GeneratedRegex(@"\b\d(?:[ -]?\d){12,18}\b")]
    private static partial Regex CardNumber();

    // Stripe-style keys and webhook secrets (sk_live_…, rk_test_…, whsec_…).
    [GeneratedRegex(@"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9_]+")]
    private static partial Regex ProviderSecret();

    // A Stripe-Signature header value (t=…,v1=…) or any v0/v1 signature in it.
    [GeneratedRegex(@"\b(?:t=\d+,)?v[01]=[0-9a-fA-F]{16,}(?:,v[01]=[0-9a-fA-F]{16,})*")]
    private static partial Regex Signature();

    [GeneratedRegex(@"Bearer\s+\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();
}
