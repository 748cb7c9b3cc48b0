using PacificEdge.Runtime;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Silo.Hosting;

/// <summary>
/// Operator and test endpoints, off unless <c>Silo:DiagnosticEndpoints</c> is true (they are not
/// authenticated: expose them only inside the cluster network).
/// <c>GET /cluster/silos</c> lists the membership this process sees; <c>POST /cluster/ping/{key}</c>
/// calls a diagnostic grain (503 with the reason when the call fails).
/// </summary>
public static class ClusterDiagnostics
{
    public const string EnabledSetting = "Silo:DiagnosticEndpoints";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(EnabledSetting);

    public static WebApplication MapClusterDiagnostics(this WebApplication app, ProcessMode mode)
    {
        app.MapGet("/cluster/silos", (IServiceProvider services) =>
        {
            if (services.GetService<IClusterMembership>() is not { } membership)
            {
                return Results.NotFound(new { error = "This process is not clustered." });
            }

            var view = membership.Current;
            return Results.Ok(new
            {
                mode = mode.ToString().ToLowerInvariant(),
                self = mode == ProcessMode.Web ? null : services.GetService<ILocalSiloDetails>()?.Address.ToString(),
                loaded = view.IsLoaded,
                readAt = view.ReadAt,
                silos = view.Silos.Select(s => new
                {
                    siloId = s.Address.ToString(),
                    name = s.SiloName,
                    host = s.Address.Host,
                    port = s.Address.Port,
                    generation = s.Address.Generation,
                    status = s.Status.ToString(),
                    startTime = s.StartTime,
                    lastHeartbeat = s.LastHeartbeat,
                    heartbeatAgeSeconds = Math.Round(s.HeartbeatAge.TotalSeconds, 1),
                }),
            });
        });

        app.MapPost("/cluster/ping/{key}", async (string key, IGrainFactory grains) =>
        {
            try
            {
                return Results.Ok(await grains.GetGrain<IClusterPingGrain>(key).Ping());
            }
            catch (Exception ex) when (ex is SiloUnavailableException or CallOutcomeUnknownException or TimeoutException or InconsistentStateException)
            {
                return Results.Problem(detail: $"{ex.GetType().Name}: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
