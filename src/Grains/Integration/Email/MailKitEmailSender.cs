using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit (<see cref="EmailMode.Smtp"/>): connects with the configured
/// <see cref="SmtpOptions.Security"/>, authenticates when a user name is set, sends, disconnects. Every failure
/// leaves as an <see cref="EmailDeliveryException"/> (see <see cref="SmtpFailureClassifier"/>); the email log retries
/// the transient ones.
/// </summary>
public sealed partial class MailKitEmailSender(IOptions<EmailOptions> options, UnsubscribeLinks unsubscribeLinks, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    private readonly SmtpMessageBuilder builder = new(options.Value, unsubscribeLinks);

    /// <inheritdoc />
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value.Smtp;
        using var mime = builder.Build(message);

        // One bound for the whole exchange; MailKit's own Timeout only covers single reads and writes.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);

        // SmtpClient is not safe for concurrent sends, so one per message; the relay connection is short-lived anyway.
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, timeout.Token).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(mime, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw new EmailDeliveryException(FormattableString.Invariant($"SMTP exchange timed out after {settings.Timeout.TotalSeconds:0.#} s."), permanent: false, ex);
        }
        catch (Exception ex) when (ex is not EmailDeliveryException)
        {
            throw SmtpFailureClassifier.Classify(ex);
        }

        await QuitAsync(client).ConfigureAwait(false);
        LogSent(message.To, message.Subject, mime.MessageId);
    }

    // The relay has the message once DATA is acknowledged; a failing QUIT must not turn that into a retry (a duplicate).
    private async Task QuitAsync(SmtpClient client)
    {
        try
        {
            using var quit = new CancellationTokenSource(options.Value.Smtp.Timeout);
            await client.DisconnectAsync(quit: true, quit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SmtpProtocolException or SmtpCommandException)
        {
            LogQuitFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email sent to {Recipient}: {Subject} ({MessageId})")]
    private partial void LogSent(string recipient, string subject, string? messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP QUIT after a sent message failed: {Reason}")]
    private partial void LogQuitFailed(string reason);
}
