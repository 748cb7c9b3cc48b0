using Microsoft.Extensions.Logging;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Sends one claimed log row and records the outcome: Sent, Failed with exponential backoff, or Abandoned after the
/// last allowed attempt, or at once when the message was refused for good (<see cref="EmailDeliveryException.Permanent"/>).
/// Shared by <see cref="NotificationService"/> and <see cref="EmailRetryService"/>.
/// </summary>
internal sealed partial class EmailDelivery(IEmailLog log, IEmailSender sender, EmailOptions options, TimeProvider time, ILogger logger)
{
    private const int MaxErrorLength = 500;

    /// <summary>Returns the row's new status. Throws only when the log itself fails.</summary>
    public async Task<EmailStatus> SendClaimedAsync(EmailLogEntry claimed, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(claimed.ToMessage(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Left claimed: due again once the grace period lapses.
            throw;
        }
        catch (EmailDeliveryException ex) when (ex.Permanent)
        {
            // An expected outcome (unknown mailbox, policy refusal), not a fault here: a warning without a stack trace.
            var error = Describe(ex);
            await log.MarkAbandonedAsync(claimed.Id, error, CancellationToken.None).ConfigureAwait(false);
            LogRefused(claimed.Key, claimed.Kind, claimed.Attempts, error);
            return EmailStatus.Abandoned;
        }
        catch (Exception ex)
        {
            var error = Describe(ex);
            if (claimed.Attempts >= options.MaxAttempts)
            {
                await log.MarkAbandonedAsync(claimed.Id, error, CancellationToken.None).ConfigureAwait(false);
                LogAbandoned(ex, claimed.Key, claimed.Kind, claimed.Attempts);
                return EmailStatus.Abandoned;
            }

            var nextAttemptAt = time.GetUtcNow() + BackoffAfter(claimed.Attempts);
            await log.MarkFailedAsync(claimed.Id, error, nextAttemptAt, CancellationToken.None).ConfigureAwait(false);
            if (ex is EmailDeliveryException)
            {
                // A classified relay or network failure: its description says enough.
                LogDeferred(claimed.Key, claimed.Kind, claimed.Attempts, nextAttemptAt, error);
            }
            else
            {
                LogFailed(ex, claimed.Key, claimed.Kind, claimed.Attempts, nextAttemptAt);
            }
            return EmailStatus.Failed;
        }

        // Not cancellable: the email is out, so the log must say so, or it would be sent again.
        await log.MarkSentAsync(claimed.Id, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        LogSent(claimed.Key, claimed.Kind, claimed.Attempts);
        return EmailStatus.Sent;
    }

    /// <summary>BaseBackoff × 2^(attempts − 1), capped at MaxBackoff.</summary>
    internal TimeSpan BackoffAfter(int attempts) => PacificEdge.Grains.Interfaces.Common.ExponentialBackoff.Delay(options.BaseBackoff, options.MaxBackoff, attempts);

    private static string Describe(Exception exception)
    {
        // A classified failure already reads well ("SMTP 550 (recipient refused): ..."); others keep their type name.
        var text = exception is EmailDeliveryException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {Key} ({Kind}) sent on attempt {Attempt}")]
    private partial void LogSent(string key, NotificationKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Key} ({Kind}) attempt {Attempt} failed; next attempt at {NextAttemptAt}")]
    private partial void LogFailed(Exception exception, string key, NotificationKind kind, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Key} ({Kind}) attempt {Attempt} deferred until {NextAttemptAt}: {Reason}")]
    private partial void LogDeferred(string key, NotificationKind kind, int attempt, DateTimeOffset nextAttemptAt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Key} ({Kind}) refused permanently on attempt {Attempt}, not retried: {Reason}")]
    private partial void LogRefused(string key, NotificationKind kind, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Key} ({Kind}) abandoned after {Attempts} attempts")]
    private partial void LogAbandoned(Exception exception, string key, NotificationKind kind, int attempts);
}
