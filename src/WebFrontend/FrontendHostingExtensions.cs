using Microsoft.AspNetCore.Builder;

namespace PacificEdge.WebFrontend;

/// <summary>
/// The front end's two hooks into a host process (co-hosted with a silo, or a separate web
/// process that reaches grains as a client). The host registers grains or a grain client first.
/// </summary>
public static class FrontendHostingExtensions
{
    /// <summary>Registers the front end's services (API, webhooks, hubs, security).</summary>
    public static WebApplicationBuilder AddFrontend(this WebApplicationBuilder builder) => builder;

    /// <summary>Adds the front end's middleware and endpoints.</summary>
    public static WebApplication UseFrontend(this WebApplication app)
    {
        app.MapFrontend();
        return app;
    }
}
