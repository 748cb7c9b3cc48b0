using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Maps what MailKit throws to an <see cref="EmailDeliveryException"/>: an SMTP 5xx reply is permanent, everything
/// else that can pass (4xx, dropped connection, protocol error, TLS handshake, timeout) is transient.
/// </summary>
public static class SmtpFailureClassifier
{
    /// <summary>Classifies <paramref name="exception"/>; one that is not an SMTP or network failure is transient, described by type and message.</summary>
    public static EmailDeliveryException Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            EmailDeliveryException classified => classified,
            SmtpCommandException command => FromReply(command),

            // Authentication and TLS problems are the relay's or our configuration's, not the message's: once they are
            // fixed the message should still go out, so they are retried (and abandoned after MaxAttempts) like an outage.
            AuthenticationException auth => new EmailDeliveryException($"SMTP authentication failed: {auth.Message}", permanent: false, auth),
            SslHandshakeException tls => new EmailDeliveryException($"SMTP TLS handshake failed: {tls.Message}", permanent: false, tls),
            SmtpProtocolException protocol => new EmailDeliveryException($"SMTP protocol error: {protocol.Message}", permanent: false, protocol),
            ServiceNotConnectedException or ServiceNotAuthenticatedException => new EmailDeliveryException($"SMTP session failed: {exception.Message}", permanent: false, exception),
            TimeoutException or OperationCanceledException => new EmailDeliveryException($"SMTP timed out: {exception.Message}", permanent: false, exception),
            SocketException or IOException => new EmailDeliveryException($"SMTP connection failed: {exception.Message}", permanent: false, exception),
            _ => new EmailDeliveryException($"{exception.GetType().Name}: {exception.Message}", permanent: false, exception),
        };
    }

    /// <summary>True for a 5xx reply code.</summary>
    public static bool IsPermanent(int statusCode) => statusCode is >= 500 and <= 599;

    private static EmailDeliveryException FromReply(SmtpCommandException command)
    {
        var code = (int)command.StatusCode;
        var stage = command.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => "sender refused",
            SmtpErrorCode.RecipientNotAccepted => "recipient refused",
            SmtpErrorCode.MessageNotAccepted => "message refused",
            _ => "unexpected reply",
        };

        // The server's own words, so the log shows why (e.g. "550 5.1.1 No such user").
        return new EmailDeliveryException($"SMTP {code} ({stage}): {command.Message}", IsPermanent(code), command);
    }
}
