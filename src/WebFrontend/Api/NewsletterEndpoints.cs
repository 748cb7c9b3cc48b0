using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Newsletter;

namespace PacificEdge.WebFrontend.Api;

/// <summary>
/// /api/newsletter (subscribe with consent, unsubscribe with a link token) and /unsubscribe, the page the unsubscribe
/// links and List-Unsubscribe headers of marketing mail point at. GET shows a confirm button and changes nothing (mail
/// scanners follow links); POST unsubscribes: the button's form, or a mail client's RFC 8058 one-click POST.
/// </summary>
public static class NewsletterEndpoints
{
    public static IEndpointRouteBuilder MapNewsletter(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/newsletter").WithTags("Newsletter");
        group.MapPost("/subscribe", SubscribeAsync)
            .WithName("SubscribeToNewsletter").WithSummary("Subscribes an address; consent must be true and its date is stored.")
            .ProducesBodyProblems();
        group.MapPost("/unsubscribe", UnsubscribeAsync)
            .WithName("UnsubscribeFromNewsletter").WithSummary("Unsubscribes the address of an unsubscribe link (email and token from the link).")
            .ProducesBodyProblems();

        routes.MapGet("/unsubscribe", ConfirmPage).WithTags("Newsletter").ExcludeFromDescription();
        routes.MapPost("/unsubscribe", OneClickAsync).WithTags("Newsletter").DisableAntiforgery()
            .WithName("OneClickUnsubscribe").WithSummary("RFC 8058 one-click unsubscribe (and the confirm page's button): email and token in the query.");
        return routes;
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> SubscribeAsync(SubscribeRequest body, IGrainFactory grains)
    {
        if (!body.Consent)
        {
            return TypedResults.Problem("Tick the box to agree to receive the newsletter.", statusCode: 400, title: "Consent is required.",
                extensions: new Dictionary<string, object?> { ["code"] = "consent_required" });
        }

        return TypedResults.Ok(await grains.GetGrain<INewsletterGrain>(0).Subscribe(ShopperRequestRules.Validate(body)));
    }

    private static async Task<Ok<SubscriptionView>> UnsubscribeAsync(UnsubscribeRequest body, IGrainFactory grains)
    {
        var (email, token) = ShopperRequestRules.Validate(body);
        return TypedResults.Ok(await grains.GetGrain<INewsletterGrain>(0).Unsubscribe(email, token));
    }

    private static ContentHttpResult ConfirmPage(string? email, string? token)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(token))
        {
            return Page(400, "This unsubscribe link is incomplete", "Use the link from the email as it is.");
        }

        var action = $"/unsubscribe?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}";
        return Page(200, "Unsubscribe", $"Stop sending newsletters and other marketing email to {email}?",
            $"<form method=\"post\" action=\"{WebUtility.HtmlEncode(action)}\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    private static async Task<ContentHttpResult> OneClickAsync(string? email, string? token, IGrainFactory grains)
    {
        try
        {
            var view = await grains.GetGrain<INewsletterGrain>(0).Unsubscribe(email ?? "", token ?? "");
            return Page(200, "You are unsubscribed", $"We will not send newsletters or other marketing email to {view.Email} any more.");
        }
        catch (Exception ex) when (ex is InvalidUnsubscribeLinkException or ValidationException)
        {
            return Page(400, "This unsubscribe link is not valid", ex.Message);
        }
    }

    private static ContentHttpResult Page(int status, string title, string message, string extra = "")
        => TypedResults.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p>{extra}</body></html>",
            "text/html; charset=utf-8", statusCode: status);
}
