using System.Net;

namespace PacificEdge.Grains.Tests.Integration.Support;

/// <summary>Answers every request with a fixed status and records what it received.</summary>
public sealed class StubHttpHandler(HttpStatusCode status) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string? Body)> Received { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Received.Add((request, body));
        return new HttpResponseMessage(status);
    }
}
