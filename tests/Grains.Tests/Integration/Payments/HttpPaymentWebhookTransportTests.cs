using System.Net;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

public sealed class HttpPaymentWebhookTransportTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:5080/webhooks/payments");

    [Fact]
    public async Task Posts_the_raw_body_with_the_signature_header()
    {
        var handler = new StubHttpHandler(HttpStatusCode.OK);
        var transport = Create(handler);

        await transport.DeliverAsync("""{"id":"evt_1"}""", "t=1,v1=abc", default);

        var (request, body) = Assert.Single(handler.Received);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Endpoint, request.RequestUri);
        Assert.Equal("""{"id":"evt_1"}""", body);
        Assert.Equal("t=1,v1=abc", Assert.Single(request.Headers.GetValues("Stripe-Signature")));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_non_success_answer_throws_so_the_sandbox_retries(HttpStatusCode status)
    {
        var transport = Create(new StubHttpHandler(status));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => transport.DeliverAsync("{}", "t=1,v1=abc", default));

        Assert.Equal(status, error.StatusCode);
    }

    private static HttpPaymentWebhookTransport Create(HttpMessageHandler handler)
        => new(new HandlerHttpClientFactory(handler), Options.Create(new PaymentSandboxOptions { WebhookSecret = "x", WebhookUrl = Endpoint }));
}
