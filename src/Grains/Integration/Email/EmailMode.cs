namespace PacificEdge.Grains.Integration.Email;

/// <summary>How emails leave the process.</summary>
public enum EmailMode
{
    /// <summary>Stored in memory by <see cref="SandboxEmailSender"/> (default): nothing is sent.</summary>
    Sandbox,

    /// <summary>Sent through <see cref="SmtpEmailSender"/>.</summary>
    Smtp,
}
