using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Every <see cref="EmailOptions.RetryInterval"/>, resends logged emails that are due: Failed ones whose backoff has
/// passed and Pending ones whose sender died (their claim lapsed after <see cref="EmailOptions.PendingGracePeriod"/>).
/// A message that has used <see cref="EmailOptions.MaxAttempts"/> is marked Abandoned. Safe with several processes:
/// each attempt is claimed in the log first.
/// </summary>
public sealed partial class EmailRetryService : BackgroundService
{
    private readonly IEmailLog log;
    private readonly EmailOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<EmailRetryService> logger;
    private readonly EmailDelivery delivery;

    public EmailRetryService(IEmailLog log, IEmailSender sender, IOptions<EmailOptions> options, TimeProvider time, ILogger<EmailRetryService> logger)
    {
        this.log = log;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        delivery = new EmailDelivery(log, sender, this.options, time, logger);
    }

    /// <summary>One pass over the due messages (what the timer runs; tests call it directly). Returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await log.ListDueAsync(now, options.RetryBatchSize, cancellationToken).ConfigureAwait(false);
        var attempted = 0;
        foreach (var entry in due)
        {
            if (entry.Attempts >= options.MaxAttempts)
            {
                // Its last attempt was claimed but never recorded (the sender died).
                await log.MarkAbandonedAsync(entry.Id, entry.LastError ?? "No outcome recorded for the last attempt.", cancellationToken).ConfigureAwait(false);
                LogAbandonedUnfinished(entry.Key, entry.Attempts);
                continue;
            }

            var claimed = await log.TryClaimAsync(entry.Id, now, now + options.PendingGracePeriod, cancellationToken).ConfigureAwait(false);
            if (claimed is null)
            {
                continue;
            }

            attempted++;
            await delivery.SendClaimedAsync(claimed, cancellationToken).ConfigureAwait(false);
        }

        return attempted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RetryInterval, time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be briefly away; the next tick tries again rather than stopping the host.
                    LogPassFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Email retry pass failed")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Key} abandoned: {Attempts} attempts without a recorded outcome")]
    private partial void LogAbandonedUnfinished(string key, int attempts);
}
