using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PacificEdge.Silo.Hosting;
using PacificEdge.WebFrontend.Infrastructure.Telemetry;

namespace PacificEdge.Silo.Telemetry;

/// <summary>
/// OpenTelemetry metrics (Orleans, ASP.NET Core, HttpClient, Npgsql, runtime, our meters) for the Prometheus scrape
/// endpoint and OTLP; traces only when an OTLP endpoint is configured, since nothing else would receive them.
/// </summary>
public static class OpenTelemetrySetup
{
    /// <summary>True when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: traces and metrics are then pushed over OTLP.</summary>
    public static bool OtlpEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[TelemetryNames.OtlpEndpointVariable]);

    public static void AddTelemetry(this WebApplicationBuilder builder, ProcessMode mode)
    {
        var metrics = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var problems = metrics.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(MetricsOptions.SectionName, typeof(MetricsOptions), problems);
        }

        var otlp = OtlpEnabled(builder.Configuration);
        if (metrics.PrometheusPort == 0 && !otlp)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(TelemetryNames.ServiceName, serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("pacificedge.mode", mode.ToString().ToLowerInvariant())]))
            .WithMetrics(m =>
            {
                m.AddMeter(TelemetryNames.OrleansMeter).AddMeter(TelemetryNames.OwnMeters)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (metrics.PrometheusPort > 0)
                {
                    m.AddPrometheusHttpListener(o =>
                    {
                        o.Host = metrics.PrometheusHost;
                        o.Port = metrics.PrometheusPort;
                    });
                }

                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(t => t
                .AddSource(TelemetryNames.OrleansActivitySources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health/live") && !context.Request.Path.StartsWithSegments("/health/ready"))
                // The chat webhook's URL is a secret: its requests are not traced.
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !request.Options.TryGetValue(ChatAlertNotifier.SecretUrlOption, out _))
                .AddNpgsql()
                .AddOtlpExporter());
        }
    }
}
