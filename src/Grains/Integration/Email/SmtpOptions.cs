namespace PacificEdge.Grains.Integration.Email;

/// <summary>SMTP relay settings (section <c>Commerce:Email:Smtp</c>); used when <see cref="EmailOptions.Mode"/> is Smtp.</summary>
public sealed class SmtpOptions
{
    /// <summary>Relay host name. Required in Smtp mode.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Relay port. Default 587 (submission with STARTTLS).</summary>
    public int Port { get; set; } = 587;

    /// <summary>Use TLS. Default true.</summary>
    public bool EnableSsl { get; set; } = true;

    /// <summary>Login, if the relay wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for <see cref="UserName"/>; from the environment only (<c>Commerce__Email__Smtp__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>Timeout of one send. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
