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

    /// <summary>Several ports that were free a moment ago and differ from each other (all are held until all are picked).</summary>
    public static int[] PickDistinct(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
