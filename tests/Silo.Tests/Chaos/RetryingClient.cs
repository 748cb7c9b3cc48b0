using System.Net;

namespace PacificEdge.Silo.Tests.Chaos;

/// <summary>
/// How a well-behaved client calls the store under faults: a 503 (with Retry-After) or a request cut off is sent
/// again, the same request with the same idempotency key; any other answer is final. Every 5xx and every cut-off
/// request is written to the <see cref="ShopperLog"/>.
/// </summary>
public sealed class RetryingClient(HttpClient http, ShopperLog log)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    /// <summary>The final answer (status and body), or null when the store kept failing for a minute or answered 500.</summary>
    public async Task<(HttpStatusCode Status, string Body)?> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + GiveUpAfter;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var message = request();
            var what = $"{message.Method} {message.RequestUri}";
            TimeSpan pause;
            try
            {
                using var response = await http.SendAsync(message, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;
                if (status < 500)
                {
                    return (response.StatusCode, body);
                }

                log.ServerError($"{status} {what}: {body[..Math.Min(body.Length, 300)]}");
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return null; // a bug, not a passing fault: never retried blindly
                }

                pause = response.Headers.RetryAfter?.Delta is { } delta && delta < MaxPause ? delta : MaxPause;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                log.TransportFailure();
                pause = TimeSpan.FromMilliseconds(200);
            }

            // A client's back-off before resending, not a wait for some state.
            await Task.Delay(pause, cancellationToken);
        }

        return null;
    }
}
