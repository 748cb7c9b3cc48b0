using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Refuses state-changing browser requests that another origin started (a form or script on another site, or on
/// another port of this host, riding on the shopper's or admin's cookie): 403 <c>cross_origin_request</c>. A browser
/// says where a request comes from in <c>Sec-Fetch-Site</c> and <c>Origin</c>; requests without either (API clients,
/// partners' servers) carry no ambient cookie risk and pass. Allowed origins: this host as the request names it,
/// <c>Commerce:PublicBaseUrl</c> and <c>Frontend:CorsOrigins</c>. Webhooks authenticate by signature and are exempt.
/// </summary>
public sealed class SameOriginRequests(RequestDelegate next, IOptions<FrontendOptions> options, IConfiguration configuration)
{
    private readonly HashSet<string> _allowed = AllowedOrigins(options.Value, configuration);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method) || request.Path.StartsWithSegments("/webhooks") || IsAllowed(request))
        {
            return next(context);
        }

        return Results.Problem("This request came from another site and was refused.", statusCode: StatusCodes.Status403Forbidden,
            title: "Cross-origin request refused.", extensions: new Dictionary<string, object?> { ["code"] = "cross_origin_request" })
            .ExecuteAsync(context);
    }

    private bool IsAllowed(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (site is "same-origin" or "none")
        {
            return true;
        }

        if (origin.Length == 0)
        {
            // No Origin: not a browser's cross-site request (browsers send Origin on every cross-site POST).
            return site.Length == 0;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || _allowed.Contains(origin);
    }

    private static HashSet<string> AllowedOrigins(FrontendOptions options, IConfiguration configuration)
    {
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var url in options.CorsOrigins.Append(configuration["Commerce:PublicBaseUrl"] ?? ""))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                origins.Add(uri.GetLeftPart(UriPartial.Authority));
            }
        }

        return origins;
    }
}
