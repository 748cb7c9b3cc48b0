using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace PacificEdge.WebFrontend.Infrastructure;

/// <summary>
/// Which failures are passing ones — a silo lost mid-call, the cluster briefly without an owner for a
/// grain, the database restarting — so the API answers 503 with Retry-After instead of 500.
/// </summary>
public static class RetryableFailure
{
    /// <summary>What the Retry-After header suggests.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>True when the exception (or one it wraps) is a transient engine or database failure.</summary>
    public static bool IsRetryable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
                    or GatewayTooBusyException or ClientNotAvailableException or TimeoutException
                    or InconsistentStateException or PacificEdge.Grains.Interfaces.Common.StorageUnavailableException
                    or PacificEdge.Grains.Interfaces.Common.DownstreamUnavailableException:
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "08006" or "08001" or "08003" }:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }
}
