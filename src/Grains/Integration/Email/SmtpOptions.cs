using MailKit.Security;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>SMTP relay settings (section <c>Commerce:Email:Smtp</c>); used when <see cref="EmailOptions.Mode"/> is Smtp.</summary>
public sealed class SmtpOptions
{
    /// <summary>Relay host name. Required in Smtp mode.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Relay port. Default 587 (submission with STARTTLS); 465 goes with <c>SslOnConnect</c>.</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// How the connection is secured: <c>StartTls</c> (default; plain connect, then upgrade, refused if the relay
    /// does not offer it), <c>SslOnConnect</c> (implicit TLS) or <c>None</c> (only for a relay on the same host or
    /// network). <c>Auto</c> and <c>StartTlsWhenAvailable</c> are refused at start-up: they fall back to plain text silently.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Login, if the relay wants one. Without it no AUTH is attempted.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for <see cref="UserName"/>; from the environment only (<c>Commerce__Email__Smtp__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>Timeout of one send (connect, authenticate, transfer). Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
