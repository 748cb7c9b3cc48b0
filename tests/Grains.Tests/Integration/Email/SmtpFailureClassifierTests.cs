using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.Grains.Tests.Integration.Email;

public sealed class SmtpFailureClassifierTests
{
    [Theory]
    [InlineData(421, false)]
    [InlineData(450, false)]
    [InlineData(451, false)]
    [InlineData(452, false)]
    [InlineData(550, true)]
    [InlineData(552, true)]
    [InlineData(553, true)]
    [InlineData(554, true)]
    public void A_reply_is_permanent_only_when_it_is_5xx(int code, bool permanent)
    {
        var refusal = new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted, (SmtpStatusCode)code, new MailboxAddress("", "shopper@example.com"), "Server says no");

        var classified = SmtpFailureClassifier.Classify(refusal);

        Assert.Equal(permanent, classified.Permanent);
        Assert.Equal($"SMTP {code} (recipient refused): Server says no", classified.Message);
        Assert.Same(refusal, classified.InnerException);
    }

    [Fact]
    public void A_refused_message_names_the_stage()
    {
        var refusal = new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, (SmtpStatusCode)554, "5.7.1 Message rejected as spam");

        Assert.Equal("SMTP 554 (message refused): 5.7.1 Message rejected as spam", SmtpFailureClassifier.Classify(refusal).Message);
    }

    public static TheoryData<Exception, string> TransientFailures() => new()
    {
        { new SmtpProtocolException("The SMTP server has unexpectedly disconnected."), "SMTP protocol error" },
        { new IOException("Connection reset by peer"), "SMTP connection failed" },
        { new SocketException((int)SocketError.ConnectionRefused), "SMTP connection failed" },
        { new TimeoutException("The operation has timed out."), "SMTP timed out" },
        { new OperationCanceledException(), "SMTP timed out" },
        { new AuthenticationException("535: 5.7.8 Authentication credentials invalid"), "SMTP authentication failed" },
        { new SslHandshakeException("handshake failed"), "SMTP TLS handshake failed" },
        { new InvalidOperationException("something else"), "InvalidOperationException: something else" },
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public void Connection_protocol_login_and_timeout_failures_are_transient(Exception failure, string description)
    {
        var classified = SmtpFailureClassifier.Classify(failure);

        Assert.False(classified.Permanent);
        Assert.StartsWith(description, classified.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_already_classified_failure_is_kept()
    {
        var classified = new EmailDeliveryException("The recipient is not a valid email address.", permanent: true);

        Assert.Same(classified, SmtpFailureClassifier.Classify(classified));
    }
}
