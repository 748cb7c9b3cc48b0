using Microsoft.Extensions.Logging;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Used when the host registers no <see cref="IPasswordResetSender"/>: nothing is sent, and the operator is told.</summary>
public sealed partial class UnconfiguredPasswordResetSender(ILogger<UnconfiguredPasswordResetSender> logger) : IPasswordResetSender
{
    public Task SendAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        LogNotSent();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password reset was requested but no password-reset mail sender is configured; nothing was sent")]
    private partial void LogNotSent();
}
