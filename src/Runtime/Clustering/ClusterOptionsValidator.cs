using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Messaging;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// Checks the cluster options against the messaging options: a caller waiting on a crashed silo's
/// grain must see the silo declared dead (death timeout plus one table refresh) before its
/// response timeout, or failover would surface as timeouts instead of latency.
/// </summary>
internal sealed class ClusterOptionsValidator(IOptions<MessagingOptions> messaging) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var detection = options.DeathTimeout + options.TableRefreshInterval;
        var timeout = messaging.Value.ResponseTimeout;
        return detection < timeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Runtime:Cluster:DeathTimeout + TableRefreshInterval ({detection}) must be shorter than Runtime:Messaging:ResponseTimeout ({timeout}), so calls fail over before they time out.");
    }
}
