using Orleans.Runtime;
using PacificEdge.WebFrontend.Infrastructure;

namespace PacificEdge.Silo.Hosting;

/// <summary>
/// Operator and test endpoints, off unless <c>Silo:DiagnosticEndpoints</c> is true (they are not
/// authenticated: expose them only inside the cluster network).
/// <c>GET /cluster/silos</c> lists the cluster as Orleans' management grain sees it; <c>POST /cluster/ping/{key}</c>
/// calls a diagnostic grain (503 with the reason when the call fails for a passing reason).
/// </summary>
public static class ClusterDiagnostics
{
    public const string EnabledSetting = "Silo:DiagnosticEndpoints";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(EnabledSetting);

    public static WebApplication MapClusterDiagnostics(this WebApplication app, ProcessMode mode)
    {
        app.MapGet("/cluster/silos", async (IGrainFactory grains, IServiceProvider services) =>
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
            return Results.Ok(new
            {
                mode = mode.ToString().ToLowerInvariant(),
                self = services.GetService<ILocalSiloDetails>()?.SiloAddress.ToString(),
                silos = hosts.Select(h => new
                {
                    siloId = h.SiloAddress.ToString(),
                    name = h.SiloName,
                    host = h.SiloAddress.Endpoint.Address.ToString(),
                    port = h.SiloAddress.Endpoint.Port,
                    generation = h.SiloAddress.Generation,
                    status = h.Status.ToString(),
                    startTime = h.StartTime,
                    iAmAliveTime = h.IAmAliveTime,
                }),
            });
        });

        app.MapPost("/cluster/ping/{key}", async (string key, IGrainFactory grains) =>
        {
            try
            {
                return Results.Ok(await grains.GetGrain<IClusterPingGrain>(key).Ping());
            }
            catch (Exception ex) when (RetryableFailure.IsRetryable(ex))
            {
                return Results.Problem(detail: $"{ex.GetType().Name}: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
