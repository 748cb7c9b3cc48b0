using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>The JSON of <c>/health/detail</c>: overall status, then each component's status, latency, description and data.</summary>
public static class HealthDetailWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var body = new
        {
            status = report.Status.ToString(),
            totalMilliseconds = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            components = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    latencyMilliseconds = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    description = e.Value.Description,
                    // Exception messages can name hosts and credentials' owners: the type only; the detail is in the log.
                    error = e.Value.Exception?.GetType().Name,
                    data = e.Value.Data,
                }),
        };
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }
}
