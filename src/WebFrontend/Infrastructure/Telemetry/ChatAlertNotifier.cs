using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.WebFrontend.Data;

namespace PacificEdge.WebFrontend.Infrastructure.Telemetry;

/// <summary>
/// Posts alerts (the dashboard's, and those orders raise in the silos) to the chat webhook in the background: <see cref="Post"/> only queues, so the dashboard that
/// raises an alert never waits for the chat service; each alert is tried up to MaxAttempts times with a doubling
/// delay. The webhook URL is a secret: it is not logged, and its requests carry <see cref="SecretUrlOption"/> so
/// tracing leaves them out.
/// </summary>
public sealed partial class ChatAlertNotifier(
    IHttpClientFactory clients,
    IOptions<ChatAlertOptions> options,
    TimeProvider time,
    ILogger<ChatAlertNotifier> logger) : BackgroundService
{
    public const string HttpClientName = "chat-alerts";

    /// <summary>Marks a request whose URL must not be recorded (traces, logs).</summary>
    public static readonly HttpRequestOptionsKey<bool> SecretUrlOption = new("PacificEdge.SecretUrl");

    private readonly Channel<Alert> _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueLimit))
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Queues the alert for the chat channel (nothing when no webhook is configured). Never blocks.</summary>
    public void Post(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (options.Value.Enabled && !_queue.Writer.TryWrite(alert))
        {
            LogDropped(alert.Kind, alert.Id);
        }
    }

    /// <summary>The chat message for an alert.</summary>
    public static string Text(Alert alert, string source)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $":rotating_light: [{source}] {alert.Kind}: {alert.Message} (value {alert.Value:0.####}, threshold {alert.Threshold:0.####}{(alert.Id > 0 ? $", alert #{alert.Id}" : "")}, {alert.RaisedAt:u})");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(alert, stoppingToken);
        }
    }

    private async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var delay = settings.RetryBaseDelay;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TrySendAsync(alert, settings, cancellationToken);
            if (failure is null)
            {
                LogPosted(alert.Kind, alert.Id, attempt);
                return;
            }

            if (attempt >= settings.MaxAttempts)
            {
                LogGaveUp(alert.Kind, alert.Id, attempt, failure);
                return;
            }

            LogRetrying(alert.Kind, alert.Id, attempt, failure, delay);
            await Task.Delay(delay, time, cancellationToken);
            delay *= 2;
        }
    }

    /// <summary>Null when the chat service took the message, else why not (never the URL).</summary>
    private async Task<string?> TrySendAsync(Alert alert, ChatAlertOptions settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = JsonContent.Create(new ChatMessage(Text(alert, settings.Source))),
        };
        request.Options.Set(SecretUrlOption, true);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            // The message of a connection failure names the host only; the status or error kind is enough here.
            return ex.HttpRequestError.ToString();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Kind} #{AlertId} posted to the chat webhook (attempt {Attempt})")]
    private partial void LogPosted(string kind, long alertId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat webhook refused alert {Kind} #{AlertId} (attempt {Attempt}: {Failure}); retrying in {Delay}")]
    private partial void LogRetrying(string kind, long alertId, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind} #{AlertId} was not posted to the chat webhook after {Attempts} attempts ({Failure}); it is on the dashboard")]
    private partial void LogGaveUp(string kind, long alertId, int attempts, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat alert queue full: alert {Kind} #{AlertId} not posted to chat (it is on the dashboard)")]
    private partial void LogDropped(string kind, long alertId);
}
