using System.Net;
using System.Net.Sockets;

namespace PacificEdge.Testing;

/// <summary>
/// Asks the OS for an unused loopback port. Fixed ports collide when test processes run in parallel; the port is
/// released before the server binds it, so a clash is still possible and <see cref="PostgresServer"/> retries.
/// </summary>
public static class FreeTcpPort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Pick()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
