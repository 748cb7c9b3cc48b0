using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Turns an <see cref="EmailMessage"/> into the MIME message the relay gets: From (<see cref="EmailOptions.From"/>),
/// To, Subject, a Message-Id in the sender's domain, multipart/alternative (plain text first, then HTML), and for
/// marketing kinds <c>List-Unsubscribe</c> with <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058).
/// </summary>
public sealed class SmtpMessageBuilder(EmailOptions options, UnsubscribeLinks unsubscribeLinks)
{
    /// <summary>The message, ready for <c>SmtpClient.SendAsync</c>.</summary>
    /// <exception cref="EmailDeliveryException">The recipient is not an address (permanent: no retry can fix it).</exception>
    public MimeMessage Build(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = MailboxAddress.Parse(options.From);
        if (!EmailAddressSyntax.TryParse(message.To, out var to))
        {
            throw new EmailDeliveryException("The recipient is not a valid email address.", permanent: true);
        }

        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(to));
        mime.Subject = message.Subject;
        mime.MessageId = MessageIdFor(message.Key, from.Domain);
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();

        if (message.Kind is { } kind && UnsubscribeLinks.IsMarketing(kind))
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribeLinks.For(to)}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return mime;
    }

    // From the notification key when there is one: a retry after an ambiguous failure (timeout after DATA) then
    // carries the same Message-Id, which lets mail systems drop the duplicate.
    private static string MessageIdFor(string? key, string domain)
        => key is null
            ? MimeUtils.GenerateMessageId(domain)
            : $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}@{domain}";
}
