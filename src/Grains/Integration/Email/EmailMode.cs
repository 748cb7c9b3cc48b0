namespace PacificEdge.Grains.Integration.Email;

/// <summary>How emails leave the process.</summary>
public enum EmailMode
{
    /// <summary>Stored in memory by <see cref="SandboxEmailSender"/> (default): nothing is sent.</summary>
    Sandbox,

    /// <summary>Sent to an SMTP relay by <see cref="MailKitEmailSender"/>.</summary>
    Smtp,
}
