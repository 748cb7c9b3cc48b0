using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Renders, logs, then sends a notification, once per key. A key already logged is not sent again by this call
/// (Sent and Abandoned are final; a Failed or in-flight one belongs to <see cref="EmailRetryService"/>, unless it is
/// due now). A failed send is recorded as Failed with a backoff and this call still returns normally: the log owns
/// the retry. Only a database failure throws (so the caller keeps its pending side effect and tries again).
/// </summary>
public sealed partial class NotificationService : INotificationService
{
    private readonly IEmailLog log;
    private readonly EmailOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<NotificationService> logger;
    private readonly EmailDelivery delivery;
    private readonly UnsubscribeLinks unsubscribeLinks;
    private readonly IMarketingSuppression? suppression;

    public NotificationService(
        IEmailLog log, IEmailSender sender, IOptions<EmailOptions> options, UnsubscribeLinks unsubscribeLinks, TimeProvider time, ILogger<NotificationService> logger,
        IMarketingSuppression? suppression = null)
    {
        this.log = log;
        this.suppression = suppression;
        this.unsubscribeLinks = unsubscribeLinks;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        delivery = new EmailDelivery(log, sender, this.options, time, logger);
    }

    /// <inheritdoc />
    /// <exception cref="ValidationException">Bad key or recipient address.</exception>
    /// <exception cref="EmailTemplateException">The model lacks what the template needs.</exception>
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Ids.Require(notification.Key, "Notification key", 200);
        if (!EmailAddressSyntax.TryParse(notification.To, out var recipient))
        {
            throw new ValidationException("The notification's recipient is not a valid email address.");
        }

        if (UnsubscribeLinks.IsMarketing(notification.Kind) && suppression is not null
            && await suppression.IsUnsubscribedAsync(recipient, cancellationToken).ConfigureAwait(false))
        {
            LogSuppressed(notification.Key, notification.Kind);
            return;
        }

        var rendered = EmailTemplates.Render(notification.Kind, WithUnsubscribeLink(notification.Kind, recipient, notification.Model));
        var now = time.GetUtcNow();
        var claimUntil = now + options.PendingGracePeriod;
        var logged = await log.InsertOrGetAsync(
            new NewEmailLogEntry(notification.Key, notification.Kind, recipient, rendered.Subject, rendered.TextBody, rendered.HtmlBody),
            now,
            claimUntil,
            cancellationToken).ConfigureAwait(false);

        var claimed = logged.Inserted
            ? logged.Entry
            : await ClaimExistingAsync(logged.Entry, now, claimUntil, cancellationToken).ConfigureAwait(false);
        if (claimed is not null)
        {
            await delivery.SendClaimedAsync(claimed, cancellationToken).ConfigureAwait(false);
        }
    }

    // Marketing mail carries the recipient's unsubscribe link in the body; the sender puts the same link in the
    // List-Unsubscribe header. A link in the model is replaced, so body and header can never disagree.
    private IReadOnlyDictionary<string, string> WithUnsubscribeLink(NotificationKind kind, string recipient, IReadOnlyDictionary<string, string> model)
    {
        if (!UnsubscribeLinks.IsMarketing(kind))
        {
            return model;
        }

        return new Dictionary<string, string>(model) { [EmailModelKeys.UnsubscribeUrl] = unsubscribeLinks.For(recipient) };
    }

    private async Task<EmailLogEntry?> ClaimExistingAsync(EmailLogEntry existing, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        if (existing.Status is EmailStatus.Sent or EmailStatus.Abandoned || existing.Attempts >= options.MaxAttempts)
        {
            LogAlreadyHandled(existing.Key, existing.Status);
            return null;
        }

        return await log.TryClaimAsync(existing.Id, now, claimUntil, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {Key} ({Kind}) not sent: the recipient unsubscribed from marketing mail")]
    private partial void LogSuppressed(string key, NotificationKind kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Email {Key} already logged as {Status}; not sending it again")]
    private partial void LogAlreadyHandled(string key, EmailStatus status);
}
