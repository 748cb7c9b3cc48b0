namespace PacificEdge.Grains.Tests.Integration.Support;

/// <summary>An <see cref="IHttpClientFactory"/> whose clients all go through one handler (a simulator or a stub), which they never dispose.</summary>
public sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
