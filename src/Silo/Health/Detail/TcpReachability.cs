using System.Net.Sockets;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>Whether a partner's host accepts a TCP connection: proves the network path without sending credentials or using a rate limit.</summary>
public static class TcpReachability
{
    /// <summary>Null when a connection was made within the timeout, else why not (never the address).</summary>
    public static async Task<string?> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(host, port, limit.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode.ToString();
        }
    }
}
