using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Clustering.Transport;

/// <summary>
/// Sends calls to other silos over HTTP/2 without TLS (see <see cref="SiloTransportServer"/>).
/// Failures are classified by whether the silo can have started the call:
/// <list type="bullet">
/// <item>the body never reached a connection (<see cref="GrainMessageContent.WasWritten"/>), or the
/// final failure is a failed connect (refused, unreachable, timed out). The HTTP/2 handler only
/// re-sends a call on a new connection when the server declared it unprocessed (GOAWAY or
/// REFUSED_STREAM), so a connect failure at the end means no attempt ran;</item>
/// <item>the silo answered 503 (it did not start the call).</item>
/// </list>
/// Those give <see cref="SiloUnavailableException"/>, retried by the router. A connection lost after
/// the call was sent gives <see cref="CallOutcomeUnknownException"/>, never retried.
/// </summary>
internal sealed class HttpSiloTransport : ISiloTransport, IDisposable
{
    private const int MaxCachedUris = 1024;
    private readonly HttpClient _http;
    private readonly SiloWireFormat _format;
    private readonly string _mediaType;
    private readonly string? _secret;
    private readonly ConcurrentDictionary<SiloAddress, Uri> _uris = new();

    public HttpSiloTransport(IOptions<ClusterOptions> options, IOptions<MessagingOptions> messaging)
    {
        var cluster = options.Value;
        _format = cluster.WireFormat;
        _mediaType = SiloMessageCodec.MediaType(_format);
        _secret = string.IsNullOrEmpty(cluster.SharedSecret) ? null : cluster.SharedSecret;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false, // an HTTP_PROXY in the environment must never capture silo-to-silo traffic
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            ConnectCallback = (context, token) => ConnectAsync(context.DnsEndPoint, cluster.ConnectTimeout, token),
            // Re-resolve host names now and then (a silo's DNS name may move to a new pod).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        // The caller enforces the response timeout; this only reclaims requests to a silo that never answers.
        _http = new HttpClient(handler)
        {
            Timeout = messaging.Value.ResponseTimeout + TimeSpan.FromSeconds(10),
            MaxResponseContentBufferSize = cluster.MaxMessageSize,
        };
    }

    public async Task<GrainResponse> SendAsync(SiloAddress silo, GrainRequest request, CancellationToken cancellationToken)
    {
        var content = new GrainMessageContent(SiloMessageCodec.EncodeRequest(request, _format), _mediaType);
        using var message = new HttpRequestMessage(HttpMethod.Post, UriOf(silo))
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.TryAddWithoutValidation(SiloHttpHeaders.TargetSilo, silo.ToString());
        if (_secret is not null)
        {
            message.Headers.TryAddWithoutValidation(SiloHttpHeaders.Secret, _secret);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Classify(silo, request, content.WasWritten, ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var format = SiloMessageCodec.FormatOf(response.Content.Headers.ContentType?.MediaType) ?? _format;
                try
                {
                    return SiloMessageCodec.DecodeResponse(body, format);
                }
                catch (FormatException ex)
                {
                    throw new CallOutcomeUnknownException($"Silo {silo} ran {request} but its response could not be read: {ex.Message}", ex);
                }
            }

            var text = await ReadReasonAsync(response, cancellationToken).ConfigureAwait(false);
            throw response.StatusCode == HttpStatusCode.ServiceUnavailable
                ? new SiloUnavailableException($"Silo {silo} did not take {request}: {text}")
                : new InvalidOperationException($"Silo {silo} rejected {request} with HTTP {(int)response.StatusCode}: {text}");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Marks a failed TCP connect (nothing was sent on that connection).</summary>
    private sealed class SiloConnectException(string message, Exception inner) : IOException(message, inner);

    /// <summary>Opens the TCP connection; a failure here is marked, so it is known the call was not sent on it.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new SiloConnectException($"Could not connect to {endpoint.Host}:{endpoint.Port} ({ex.Message}).", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsConnectFailure(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SiloConnectException)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Classify(SiloAddress silo, GrainRequest request, bool written, Exception error)
    {
        if (!written || IsConnectFailure(error))
        {
            return new SiloUnavailableException($"Silo {silo} could not be reached; {request} was not processed ({error.Message}).", error);
        }

        if (error is OperationCanceledException)
        {
            return new TimeoutException($"Silo {silo} did not answer {request}.", error);
        }

        return new CallOutcomeUnknownException(
            $"The connection to silo {silo} broke after {request} was sent; it may or may not have run ({error.Message}).", error);
    }

    private static async Task<string> ReadReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length > 500 ? text[..500] : text;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return response.ReasonPhrase ?? response.StatusCode.ToString();
        }
    }

    private Uri UriOf(SiloAddress silo)
    {
        if (_uris.TryGetValue(silo, out var uri))
        {
            return uri;
        }

        if (_uris.Count >= MaxCachedUris)
        {
            _uris.Clear(); // old incarnations pile up over months of restarts; rebuilding is cheap
        }

        var host = silo.Host.Contains(':', StringComparison.Ordinal) ? $"[{silo.Host}]" : silo.Host;
        return _uris[silo] = new Uri($"http://{host}:{silo.Port}{SiloHttpHeaders.CallPath}");
    }
}
