using System.Text;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.Simulators.Payments;

/// <summary>
/// Delivers the sandbox's webhooks to our own endpoint over HTTP, as the real gateway would: a POST of the raw
/// JSON with the <c>Stripe-Signature</c> header. A non-2xx answer throws, so the sandbox retries.
/// </summary>
public sealed class HttpPaymentWebhookTransport(IHttpClientFactory httpClientFactory, IOptions<PaymentSandboxOptions> options) : IPaymentWebhookTransport
{
    /// <summary>The named <see cref="HttpClient"/> this transport uses.</summary>
    public const string HttpClientName = "PacificEdge.PaymentWebhooks";

    /// <inheritdoc />
    public async Task DeliverAsync(string payload, string signatureHeader, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.WebhookUrl)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName, signatureHeader);

        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The payment webhook endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
