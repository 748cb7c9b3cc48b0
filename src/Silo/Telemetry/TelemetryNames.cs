namespace PacificEdge.Silo.Telemetry;

/// <summary>The meters and activity sources exported, by their owners' names.</summary>
public static class TelemetryNames
{
    /// <summary>OpenTelemetry's service.name.</summary>
    public const string ServiceName = "pacificedge";

    /// <summary>Orleans' meter (grain calls, activations, messaging, reminders, storage).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Orleans' activity sources: runtime calls, application grain calls (with activity propagation on), storage, lifecycle.</summary>
    public static readonly string[] OrleansActivitySources =
        ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", "Microsoft.Orleans.Lifecycle"];

    /// <summary>Our own meters.</summary>
    public static readonly string[] OwnMeters =
        [PacificEdge.WebFrontend.Infrastructure.Telemetry.CommerceMetrics.MeterName, PacificEdge.WebFrontend.Webhooks.WebhookMetrics.MeterName, PacificEdge.Grains.Orders.OrderMetrics.MeterName];

    /// <summary>The standard variable that turns OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
}
