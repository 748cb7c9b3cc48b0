using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.Clustering.Transport;

/// <summary>
/// The silo port's request handler, plugged straight into Kestrel (no routing or middleware: one
/// endpoint, many thousand calls a second). Answers 200 with the framed response (grain errors
/// included), 503 when the call was not started here (the caller retries it elsewhere), 4xx for
/// malformed or unauthorised requests.
/// </summary>
internal sealed partial class SiloHttpApplication(
    ClusterGrainCallRouter router,
    ExceptionCodec exceptions,
    IOptions<ClusterOptions> options,
    ILogger<SiloHttpApplication> logger) : IHttpApplication<HttpContext>
{
    private readonly byte[]? _secret = string.IsNullOrEmpty(options.Value.SharedSecret) ? null : Encoding.UTF8.GetBytes(options.Value.SharedSecret);
    private readonly int _maxMessageSize = options.Value.MaxMessageSize;
    private string _self = string.Empty;
    private volatile bool _leaving;

    /// <summary>The silo id requests must name; set once the silo has joined with its generation.</summary>
    public void SetSelf(string siloId) => Volatile.Write(ref _self, siloId);

    /// <summary>
    /// The silo has left (Dead in the table): answer every call 503 (not started: the caller
    /// re-reads membership and retries on the owner) until the port closes.
    /// </summary>
    public void BeginLeaving() => _leaving = true;

    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }

    public async Task ProcessRequestAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsPost(request.Method) || request.Path != SiloHttpHeaders.CallPath)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (_secret is not null && !SecretMatches(request.Headers[SiloHttpHeaders.Secret]))
        {
            LogUnauthorised(context.Connection.RemoteIpAddress?.ToString());
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (SiloMessageCodec.FormatOf(request.ContentType) is not { } format)
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (_leaving)
        {
            await UnavailableAsync(response, $"Silo {Volatile.Read(ref _self)} has left the cluster.").ConfigureAwait(false);
            return;
        }

        var self = Volatile.Read(ref _self);
        var target = request.Headers[SiloHttpHeaders.TargetSilo];
        if (target.Count != 1 || !string.Equals(target[0], self, StringComparison.Ordinal))
        {
            // Another incarnation (or a silo not yet joined) at this address: the caller's view is stale.
            await UnavailableAsync(response, $"This is silo {self}, not {target}.").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength is not { } length || length > _maxMessageSize)
        {
            response.StatusCode = request.ContentLength is null ? StatusCodes.Status411LengthRequired : StatusCodes.Status413PayloadTooLarge;
            return;
        }

        GrainRequest call;
        try
        {
            call = SiloMessageCodec.DecodeRequest(await ReadBodyAsync(request.Body, (int)length, context.RequestAborted).ConfigureAwait(false), format);
        }
        catch (FormatException ex)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            await response.WriteAsync(ex.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        GrainResponse result;
        try
        {
            result = await router.HandleHereAsync(call, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SiloUnavailableException ex)
        {
            await UnavailableAsync(response, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            // E.g. a forwarded call whose connection broke: the caller must learn exactly that.
            result = GrainResponse.FromError(exceptions.ToError(ex));
        }

        var body = SiloMessageCodec.EncodeResponse(result, format);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = SiloMessageCodec.MediaType(format);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var count = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                throw new FormatException("The request body ended early.");
            }

            read += count;
        }

        return buffer;
    }

    private static Task UnavailableAsync(HttpResponse response, string reason)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(reason);
    }

    private bool SecretMatches(Microsoft.Extensions.Primitives.StringValues header)
        => header.Count == 1 && header[0] is { } value
           && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _secret);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a silo-port request from {RemoteAddress} without the cluster secret")]
    private partial void LogUnauthorised(string? remoteAddress);
}
