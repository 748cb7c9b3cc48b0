using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Tests.Integration.Support;

namespace PacificEdge.Grains.Tests.Integration.Email;

public sealed class NotificationServiceTests
{
    private static readonly EmailOptions Options = new()
    {
        BaseBackoff = TimeSpan.FromMinutes(1),
        MaxBackoff = TimeSpan.FromMinutes(10),
        MaxAttempts = 3,
        PendingGracePeriod = TimeSpan.FromMinutes(5),
    };

    private static readonly UnsubscribeLinks Links = new(
        Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(new PacificEdge.Grains.Common.CommerceOptions()));

    private readonly ManualTimeProvider time = new();
    private readonly MemoryEmailLog log = new();
    private readonly SandboxEmailSender sender = new(NullLogger<SandboxEmailSender>.Instance);
    private readonly NotificationService notifications;
    private readonly EmailRetryService retry;

    public NotificationServiceTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        notifications = new NotificationService(log, sender, options, Links, time, NullLogger<NotificationService>.Instance);
        retry = new EmailRetryService(log, sender, options, time, NullLogger<EmailRetryService>.Instance);
    }

    [Fact]
    public async Task A_key_is_sent_once_however_often_it_is_asked_for()
    {
        var confirmation = Confirmation("order:ord_123:confirmation");

        await notifications.SendAsync(confirmation, default);
        await notifications.SendAsync(confirmation, default);
        time.Advance(TimeSpan.FromDays(1));
        await notifications.SendAsync(confirmation, default);
        await retry.RunOnceAsync(default);

        var message = Assert.Single(sender.Messages);
        Assert.Equal("shopper@example.com", message.To);
        Assert.Contains("ord_123", message.Subject, StringComparison.Ordinal);
        var logged = await log.FindAsync(confirmation.Key, default);
        Assert.Equal((EmailStatus.Sent, 1), (logged!.Status, logged.Attempts));
        Assert.Equal(time.GetUtcNow().AddDays(-1), logged.SentAt);
    }

    [Fact]
    public async Task A_failed_send_is_logged_and_then_resent_by_the_retry_service()
    {
        sender.FailNext(1);
        var confirmation = Confirmation("order:ord_123:confirmation");

        await notifications.SendAsync(confirmation, default);

        Assert.Empty(sender.Messages);
        var failed = await log.FindAsync(confirmation.Key, default);
        Assert.Equal(EmailStatus.Failed, failed!.Status);
        Assert.Contains("injected failure", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow() + Options.BaseBackoff, failed.NextAttemptAt);

        Assert.Equal(0, await retry.RunOnceAsync(default));
        await notifications.SendAsync(confirmation, default);
        Assert.Empty(sender.Messages);

        time.Advance(Options.BaseBackoff);
        Assert.Equal(1, await retry.RunOnceAsync(default));
        Assert.Equal(0, await retry.RunOnceAsync(default));

        Assert.Single(sender.Messages);
        var sent = await log.FindAsync(confirmation.Key, default);
        Assert.Equal((EmailStatus.Sent, 2, null), (sent!.Status, sent.Attempts, sent.LastError));
    }

    [Fact]
    public async Task Backoff_doubles_and_the_message_is_abandoned_after_the_last_attempt()
    {
        sender.FailNext(int.MaxValue);
        var confirmation = Confirmation("order:ord_9:confirmation");

        await notifications.SendAsync(confirmation, default);
        time.Advance(TimeSpan.FromMinutes(1));
        await retry.RunOnceAsync(default);
        var second = await log.FindAsync(confirmation.Key, default);
        time.Advance(TimeSpan.FromMinutes(2));
        await retry.RunOnceAsync(default);

        Assert.Equal(time.GetUtcNow(), second!.NextAttemptAt);
        var abandoned = await log.FindAsync(confirmation.Key, default);
        Assert.Equal((EmailStatus.Abandoned, 3), (abandoned!.Status, abandoned.Attempts));
        time.Advance(TimeSpan.FromDays(1));
        sender.FailNext(0);
        Assert.Equal(0, await retry.RunOnceAsync(default));
        await notifications.SendAsync(confirmation, default);
        Assert.Empty(sender.Messages);
    }

    [Fact]
    public async Task A_message_left_pending_by_a_dead_sender_is_sent_after_the_grace_period()
    {
        // As if a process logged the message and died before sending it.
        var rendered = EmailTemplates.Render(NotificationKind.AbandonedCart, EmailTemplatesTests.FullModel());
        await log.InsertOrGetAsync(
            new NewEmailLogEntry("cart:cart_9:abandoned:1", NotificationKind.AbandonedCart, "shopper@example.com", rendered.Subject, rendered.TextBody, rendered.HtmlBody),
            time.GetUtcNow(),
            time.GetUtcNow() + Options.PendingGracePeriod,
            default);

        Assert.Equal(0, await retry.RunOnceAsync(default));
        time.Advance(Options.PendingGracePeriod);
        Assert.Equal(1, await retry.RunOnceAsync(default));

        Assert.Equal(rendered.Subject, Assert.Single(sender.Messages).Subject);
    }

    [Fact]
    public async Task A_pending_message_that_used_its_last_attempt_is_abandoned()
    {
        var id = (await log.InsertOrGetAsync(
            new NewEmailLogEntry("k:stuck", NotificationKind.AbandonedCart, "shopper@example.com", "s", "t", "h"),
            time.GetUtcNow(),
            time.GetUtcNow(),
            default)).Entry.Id;
        await log.TryClaimAsync(id, time.GetUtcNow(), time.GetUtcNow(), default);
        await log.TryClaimAsync(id, time.GetUtcNow(), time.GetUtcNow(), default);

        await retry.RunOnceAsync(default);

        Assert.Equal(EmailStatus.Abandoned, (await log.FindAsync("k:stuck", default))!.Status);
        Assert.Empty(sender.Messages);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Shopper <shopper@example.com>")]
    [InlineData("")]
    public async Task A_bad_recipient_is_refused_before_anything_is_logged(string recipient)
    {
        var notification = Confirmation("order:ord_1:confirmation") with { To = recipient };

        await Assert.ThrowsAsync<ValidationException>(() => notifications.SendAsync(notification, default));

        Assert.Empty(await log.ListAsync(10, null, default));
    }

    [Fact]
    public async Task A_model_the_template_cannot_use_is_refused_before_anything_is_logged()
    {
        var notification = new Notification("order:ord_1:shipped", NotificationKind.ShippingConfirmation, "shopper@example.com", new Dictionary<string, string>());

        await Assert.ThrowsAsync<EmailTemplateException>(() => notifications.SendAsync(notification, default));

        Assert.Empty(await log.ListAsync(10, null, default));
    }

    [Fact]
    public async Task Only_a_database_failure_reaches_the_caller()
    {
        var broken = new NotificationService(new UnavailableEmailLog(), sender, Microsoft.Extensions.Options.Options.Create(Options), Links, time, NullLogger<NotificationService>.Instance);

        await Assert.ThrowsAsync<TimeoutException>(() => broken.SendAsync(Confirmation("order:ord_1:confirmation"), default));

        Assert.Empty(sender.Messages);
    }

    private static Notification Confirmation(string key)
        => new(key, NotificationKind.OrderConfirmation, "shopper@example.com", EmailTemplatesTests.FullModel());

    private sealed class UnavailableEmailLog : IEmailLog
    {
        public Task<EmailLogInsertResult> InsertOrGetAsync(NewEmailLogEntry entry, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
            => throw new TimeoutException("database unavailable");

        public Task<EmailLogEntry?> TryClaimAsync(long id, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task MarkAbandonedAsync(long id, string error, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task<IReadOnlyList<EmailLogEntry>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task<IReadOnlyList<EmailLogEntry>> ListAsync(int limit, string? status, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task<EmailLogEntry?> FindAsync(string key, CancellationToken cancellationToken) => throw new TimeoutException();
    }
}
