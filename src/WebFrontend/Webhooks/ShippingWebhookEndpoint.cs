using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// POST /webhooks/shipping: ShipStation-style thin events (<c>resource_url</c>, <c>resource_type</c>),
/// authenticated by a shared token; the URL's host must be on the allow-list before anything
/// fetches it (with our credentials). Stored before processing like payment events.
/// </summary>
public static class ShippingWebhookEndpoint
{
    public const string Provider = "shipping";
    private static readonly string[] KnownTypes = ["SHIP_NOTIFY", "ITEM_SHIP_NOTIFY", "DELIVERY_NOTIFY", "EXCEPTION_NOTIFY"];

    public static async Task<Results<Accepted<WebhookAck>, Ok<WebhookAck>, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        WebhookIntake intake,
        IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = request.Headers["X-Webhook-Token"].ToString() is { Length: > 0 } header ? header : request.Query["token"].ToString();
        if (string.IsNullOrEmpty(settings.ShippingToken)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(settings.ShippingToken)))
        {
            return await RejectAsync("bad_token", 401, "The webhook token is missing or wrong.");
        }

        var body = await WebhookBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return await RejectAsync("oversized", 413, "The webhook body is too large.");
        }

        string? resourceUrl, resourceType;
        try
        {
            using var document = JsonDocument.Parse(body);
            resourceUrl = document.RootElement.TryGetProperty("resource_url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            resourceType = document.RootElement.TryGetProperty("resource_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return await RejectAsync("malformed", 400, "The webhook body is not valid JSON.");
        }

        if (resourceUrl is null || resourceType is null || !Uri.TryCreate(resourceUrl, UriKind.Absolute, out var uri))
        {
            return await RejectAsync("malformed", 400, "resource_url (absolute URL) and resource_type are required.");
        }

        if (!KnownTypes.Contains(resourceType, StringComparer.Ordinal))
        {
            return await RejectAsync("unknown_type", 422, $"Resource type '{resourceType}' is not handled.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp
            || !settings.ShippingAllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
        {
            return await RejectAsync("host_not_allowed", 400, "resource_url points at a host that is not allowed.");
        }

        // Thin events have no id of their own: the resource identifies the event.
        var eventId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{resourceType}|{resourceUrl}")));
        return await intake.AcceptAsync(request.HttpContext, Provider, eventId, resourceType, Encoding.UTF8.GetString(body), cancellationToken);

        Task<ProblemHttpResult> RejectAsync(string reason, int status, string detail) => intake.RejectAsync(request.HttpContext, Provider, reason, status, detail);
    }
}
