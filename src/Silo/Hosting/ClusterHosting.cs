using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Hosting;

namespace PacificEdge.Silo.Hosting;

/// <summary>Which modes cluster, and the host settings clustering needs.</summary>
public static class ClusterHosting
{
    /// <summary><c>silo</c> and <c>web</c> always form or use a cluster; <c>cohosted</c> does when <c>Runtime:Cluster:Enabled</c> is true.</summary>
    public static bool IsClustered(ProcessMode mode, IConfiguration configuration) => mode switch
    {
        ProcessMode.Silo or ProcessMode.Web => true,
        ProcessMode.Cohosted => configuration.GetValue<bool>($"{ClusterOptions.SectionName}:{nameof(ClusterOptions.Enabled)}"),
        _ => false,
    };

    /// <summary>
    /// Gives the host's own stop budget room above the silo's shutdown timeout, so SIGTERM lets the
    /// silo deactivate its grains and leave the cluster before the host gives up on it.
    /// </summary>
    public static void AllowSiloShutdown(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetValue<TimeSpan?>($"{SiloOptions.SectionName}:{nameof(SiloOptions.ShutdownTimeout)}") ?? new SiloOptions().ShutdownTimeout;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = silo + TimeSpan.FromSeconds(10));
    }
}
