using System.Net;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.Runtime.Clustering.Transport;

/// <summary>
/// The silo port: a Kestrel server of its own, separate from any web front end in the process
/// (its own port, no middleware), so silo-to-silo traffic and the public site never share limits.
/// It speaks HTTP/2 without TLS (prior knowledge, "h2c"): many calls share one connection, which
/// measured twice the throughput of HTTP/1.1 keep-alive on 2 cores, and a graceful stop tells each
/// caller (GOAWAY) exactly which calls were not processed, so those are retried safely.
/// </summary>
internal sealed partial class SiloTransportServer(
    SiloHttpApplication application,
    IServiceProvider services,
    IOptions<ClusterOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<SiloTransportServer> logger) : IAsyncDisposable
{
    private KestrelServer? _server;

    /// <summary>Binds the silo port (a free one when configured as 0) and returns the port bound.</summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken)
    {
        var cluster = options.Value;
        var kestrel = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = services };
        kestrel.Limits.MaxRequestBodySize = cluster.MaxMessageSize;
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2); // longer than the callers' idle pool timeout
        kestrel.Limits.Http2.MaxStreamsPerConnection = 1000; // concurrent calls per connection before callers open another
        kestrel.Listen(IPAddress.Parse(cluster.ListenAddress), cluster.SiloPort, listen => listen.Protocols = HttpProtocols.Http2);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var server = new KestrelServer(Options.Create(kestrel), transport, loggerFactory);
        try
        {
            await server.StartAsync(application, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        _server = server;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the silo port it bound.");
        var port = new Uri(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        LogListening(address);
        return port;
    }

    /// <summary>Stops taking connections; requests in progress get until <paramref name="cancellationToken"/> to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            try
            {
                await server.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                server.Dispose();
            }
        }
    }

    /// <summary>Closes every connection at once, as a crash would (callers see resets or refusals).</summary>
    public async Task AbortAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync().ConfigureAwait(false);
        await StopAsync(now.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public ValueTask DisposeAsync() => new(AbortAsync());

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo port listening on {Address}")]
    private partial void LogListening(string address);
}
