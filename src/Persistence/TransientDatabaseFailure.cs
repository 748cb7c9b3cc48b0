using Npgsql;

namespace PacificEdge.Persistence;

/// <summary>Which database failures pass by themselves (a restart, a failover, a dropped connection) and so deserve a retry, not a bug report.</summary>
public static class TransientDatabaseFailure
{
    /// <summary>True when <paramref name="exception"/> or one it wraps is a transient PostgreSQL or connection failure.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException { IsTransient: true } or NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException })
            {
                return true;
            }
        }

        return false;
    }
}
