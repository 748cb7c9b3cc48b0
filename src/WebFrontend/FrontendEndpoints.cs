using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PacificEdge.WebFrontend;

/// <summary>Maps the front end's HTTP surface.</summary>
public static class FrontendEndpoints
{
    /// <summary>Maps the front end's endpoints onto the application.</summary>
    public static IEndpointRouteBuilder MapFrontend(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => TypedResults.Content(LandingPage, "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return endpoints;
    }

    private const string LandingPage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Pacific Edge</title></head>
        <body>
          <h1>Pacific Edge</h1>
          <p>The commerce backend is running.</p>
          <ul>
            <li><a href="/health/live">/health/live</a></li>
            <li><a href="/health/ready">/health/ready</a></li>
          </ul>
        </body>
        </html>
        """;
}
