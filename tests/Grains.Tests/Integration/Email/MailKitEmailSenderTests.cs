using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Tests.Integration.Email.Support;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Testing;
using SmtpServer.Protocol;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace PacificEdge.Grains.Tests.Integration.Email;

/// <summary>The MailKit sender against a real SMTP server in this process, through the notification service and the email log.</summary>
public sealed class MailKitEmailSenderTests : IAsyncLifetime
{
    private const string Shopper = "shopper@example.com";

    private readonly ManualTimeProvider time = new();
    private readonly MemoryEmailLog log = new();
    private readonly RecordingLogger<NotificationService> notificationLogger = new();
    private InProcessSmtpServer smtp = null!;
    private EmailOptions options = null!;
    private UnsubscribeLinks links = null!;
    private NotificationService notifications = null!;
    private EmailRetryService retry = null!;

    public async Task InitializeAsync()
    {
        smtp = await InProcessSmtpServer.StartAsync();
        Use(smtp, login: null);
    }

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    [Fact]
    public async Task A_cart_reminder_arrives_with_both_parts_its_headers_and_the_right_recipient()
    {
        await notifications.SendAsync(new Notification("cart:cart_9:abandoned:1", NotificationKind.AbandonedCart, Shopper, EmailTemplatesTests.FullModel()), default);

        var received = Assert.Single(smtp.Messages);
        Assert.Equal([Shopper], received.EnvelopeTo);
        Assert.Equal("orders@pacificedgelabs.example", received.EnvelopeFrom);
        var mail = received.Message;
        Assert.Equal("orders@pacificedgelabs.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Pacific Edge Labs", Assert.Single(mail.From.Mailboxes).Name);
        Assert.Equal(Shopper, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("You left something in your cart", mail.Subject);
        Assert.EndsWith("@pacificedgelabs.example", mail.MessageId, StringComparison.Ordinal);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Collection(
            alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
        Assert.Contains("Return to your cart: https://shop.example/cart/cart_9", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("style=\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/cart/cart_9\"", mail.HtmlBody, StringComparison.Ordinal);

        var unsubscribe = links.For(Shopper);
        Assert.StartsWith("https://shop.example/unsubscribe?email=shopper%40example.com&token=", unsubscribe, StringComparison.Ordinal);
        Assert.Equal($"<{unsubscribe}>", mail.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"Unsubscribe: {unsubscribe}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{unsubscribe.Replace("&", "&amp;", StringComparison.Ordinal)}\"", mail.HtmlBody, StringComparison.Ordinal);

        var logged = await log.FindAsync("cart:cart_9:abandoned:1", default);
        Assert.Equal((EmailStatus.Sent, 1), (logged!.Status, logged.Attempts));
    }

    [Fact]
    public async Task Transactional_mail_has_no_unsubscribe_header_and_every_attempt_keeps_its_message_id()
    {
        var sender = Sender();
        var message = new EmailMessage(Shopper, "Your order ord_1 is confirmed", "Thanks", "<p>Thanks</p>") { Kind = NotificationKind.OrderConfirmation, Key = "order:ord_1:confirmation" };

        await sender.SendAsync(message, default);
        await sender.SendAsync(message, default);
        await sender.SendAsync(message with { Key = "order:ord_2:confirmation" }, default);

        var ids = smtp.Messages.Select(m => m.Message.MessageId).ToArray();
        Assert.Equal(3, ids.Length);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.All(smtp.Messages, m => Assert.False(m.Message.Headers.Contains(HeaderId.ListUnsubscribe)));
        Assert.All(smtp.Messages, m => Assert.False(m.Message.Headers.Contains("List-Unsubscribe-Post")));
    }

    [Fact]
    public async Task Logs_in_when_a_user_name_is_configured()
    {
        await smtp.DisposeAsync();
        smtp = await InProcessSmtpServer.StartAsync(login: ("relay-user", "relay-password"));
        Use(smtp, login: ("relay-user", "relay-password"));

        await notifications.SendAsync(Confirmation("order:ord_1:confirmation"), default);

        Assert.Equal("relay-user", Assert.Single(smtp.Messages).AuthenticatedUser);
    }

    [Fact]
    public async Task A_refused_login_is_retried_like_an_outage()
    {
        await smtp.DisposeAsync();
        smtp = await InProcessSmtpServer.StartAsync(login: ("relay-user", "relay-password"));
        Use(smtp, login: ("relay-user", "not-the-password"));

        await notifications.SendAsync(Confirmation("order:ord_1:confirmation"), default);

        var failed = await log.FindAsync("order:ord_1:confirmation", default);
        Assert.Equal(EmailStatus.Failed, failed!.Status);
        Assert.Contains("authentication", failed.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_4xx_reply_is_retried_by_the_email_log_and_then_succeeds()
    {
        smtp.AnswerNextData((SmtpReplyCode)451, "4.3.0 Mail queue full, try again later");

        await notifications.SendAsync(Confirmation("order:ord_4:confirmation"), default);

        var failed = await log.FindAsync("order:ord_4:confirmation", default);
        Assert.Equal(EmailStatus.Failed, failed!.Status);
        Assert.Contains("451", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("Mail queue full, try again later", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);

        time.Advance(options.BaseBackoff);
        Assert.Equal(1, await retry.RunOnceAsync(default));

        var sent = await log.FindAsync("order:ord_4:confirmation", default);
        Assert.Equal((EmailStatus.Sent, 2, null), (sent!.Status, sent.Attempts, sent.LastError));
        Assert.Equal(Shopper, Assert.Single(Assert.Single(smtp.Messages).EnvelopeTo));
        Assert.Equal(2, smtp.DataCommands);
    }

    [Fact]
    public async Task A_5xx_reply_is_recorded_with_the_servers_answer_and_not_retried()
    {
        const string Unknown = "nobody@example.com";
        smtp.RefuseRecipient(Unknown, (SmtpReplyCode)550, "5.1.1 No such user here");

        await notifications.SendAsync(Confirmation("order:ord_5:confirmation", Unknown), default);

        var refused = await log.FindAsync("order:ord_5:confirmation", default);
        Assert.Equal((EmailStatus.Abandoned, 1), (refused!.Status, refused.Attempts));
        Assert.Contains("550", refused.LastError, StringComparison.Ordinal);
        Assert.Contains("5.1.1 No such user here", refused.LastError, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await retry.RunOnceAsync(default));
        await notifications.SendAsync(Confirmation("order:ord_5:confirmation", Unknown), default);
        Assert.Equal(1, smtp.RecipientCommands);
        Assert.Empty(smtp.Messages);

        var warning = Assert.Single(notificationLogger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.Contains("5.1.1 No such user here", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_5xx_reply_to_the_message_itself_is_permanent_too()
    {
        smtp.AnswerNextData((SmtpReplyCode)554, "5.7.1 Message rejected as spam");

        await notifications.SendAsync(Confirmation("order:ord_6:confirmation"), default);

        var refused = await log.FindAsync("order:ord_6:confirmation", default);
        Assert.Equal(EmailStatus.Abandoned, refused!.Status);
        Assert.Contains("554", refused.LastError, StringComparison.Ordinal);
        Assert.Contains("Message rejected as spam", refused.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_relay_is_a_transient_failure()
    {
        options.Smtp.Port = PacificEdge.Testing.FreeTcpPort.Pick(); // nothing listens there

        await notifications.SendAsync(Confirmation("order:ord_7:confirmation"), default);

        var failed = await log.FindAsync("order:ord_7:confirmation", default);
        Assert.Equal(EmailStatus.Failed, failed!.Status);
        Assert.StartsWith("SMTP connection failed", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_stops_answering_is_a_transient_failure()
    {
        smtp.HoldNextData();
        options.Smtp.Timeout = TimeSpan.FromSeconds(1);

        await notifications.SendAsync(Confirmation("order:ord_8:confirmation"), default);

        var failed = await log.FindAsync("order:ord_8:confirmation", default);
        Assert.Equal(EmailStatus.Failed, failed!.Status);
        Assert.Contains("timed out", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    private static Notification Confirmation(string key, string to = Shopper) => new(key, NotificationKind.OrderConfirmation, to, EmailTemplatesTests.FullModel());

    private void Use(InProcessSmtpServer server, (string User, string Password)? login)
    {
        options = new EmailOptions
        {
            Mode = EmailMode.Smtp,
            From = "Pacific Edge Labs <orders@pacificedgelabs.example>",
            UnsubscribeKey = "unsubscribe-key-for-tests-0123456789",
            MaxAttempts = 3,
            BaseBackoff = TimeSpan.FromMinutes(1),
            MaxBackoff = TimeSpan.FromMinutes(10),
            Smtp = new SmtpOptions
            {
                Host = "127.0.0.1",
                Port = server.Port,
                Security = SecureSocketOptions.None,
                UserName = login?.User,
                Password = login?.Password,
                Timeout = TimeSpan.FromSeconds(20),
            },
        };
        links = new UnsubscribeLinks(MsOptions.Create(options), MsOptions.Create(new CommerceOptions { PublicBaseUrl = "https://shop.example/" }));
        var sender = Sender();
        notifications = new NotificationService(log, sender, MsOptions.Create(options), links, time, notificationLogger);
        retry = new EmailRetryService(log, sender, MsOptions.Create(options), time, NullLogger<EmailRetryService>.Instance);
    }

    private MailKitEmailSender Sender() => new(MsOptions.Create(options), links, NullLogger<MailKitEmailSender>.Instance);
}
