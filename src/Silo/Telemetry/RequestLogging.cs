using System.Diagnostics;
using Serilog;
using PacificEdge.WebFrontend.Infrastructure;
using Serilog.Events;

namespace PacificEdge.Silo.Telemetry;

/// <summary>One log line per HTTP request: method, path (never the query string), status, elapsed time and correlation id.</summary>
public static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";

    /// <summary>Adds Serilog's request logging; call it before the middleware whose requests should be timed.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<RequestLogger>().Logger;
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = logger;
            o.MessageTemplate = MessageTemplate;
            o.GetLevel = Level;
            o.EnrichDiagnosticContext = (diagnostics, context) =>
                // The correlation middleware (front end) has put the caller's X-Correlation-Id or the trace id here.
                diagnostics.Set("CorrelationId", CorrelationId(context));
        });
        return app;
    }

    /// <summary>
    /// The request's correlation id: the one the front end echoed (the caller's X-Correlation-Id or the trace id),
    /// else the W3C trace id (silo-only processes), else the host's request id.
    /// </summary>
    public static string CorrelationId(HttpContext context)
    {
        var echoed = context.Response.Headers[CorrelationIdMiddleware.HeaderName].ToString();
        return echoed.Length > 0 ? echoed : Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
    }

    // Probes arrive every few seconds, and the cluster diagnostics (/cluster/*, off in production) are driven by load
    // tests thousands of times a second: kept out of the log unless they fail or verbose logging is on. A 503 is
    // expected while a silo fails over (a warning); only a 500 or an exception is an error.
    private static LogEventLevel Level(HttpContext context, double elapsed, Exception? exception)
        => exception is not null || context.Response.StatusCode == StatusCodes.Status500InternalServerError ? LogEventLevel.Error
            : context.Response.StatusCode >= 500 ? LogEventLevel.Warning
            : context.Request.Path.StartsWithSegments("/health/live") || context.Request.Path.StartsWithSegments("/health/ready")
              || context.Request.Path.StartsWithSegments("/cluster") ? LogEventLevel.Verbose
            : LogEventLevel.Information;
}
