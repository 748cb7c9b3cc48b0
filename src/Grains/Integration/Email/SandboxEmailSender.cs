using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Keeps sent messages in memory instead of sending them (default mode, tests, demos). Logs recipient and subject only.
/// <see cref="FailNext"/> makes the next sends throw, to exercise the retry path.
/// </summary>
public sealed partial class SandboxEmailSender(ILogger<SandboxEmailSender> logger) : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> messages = new();
    private int failuresToInject;

    /// <summary>Everything "sent" so far, oldest first.</summary>
    public IReadOnlyList<EmailMessage> Messages => messages.ToArray();

    /// <summary>Messages sent to one recipient (case-insensitive).</summary>
    public IReadOnlyList<EmailMessage> MessagesTo(string recipient)
        => messages.Where(m => string.Equals(m.To, recipient, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Makes the next <paramref name="count"/> sends fail with <see cref="InvalidOperationException"/>.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresToInject, count);

    /// <inheritdoc />
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (TryTakeInjectedFailure())
        {
            throw new InvalidOperationException("Sandbox email sender: injected failure.");
        }

        messages.Enqueue(message);
        LogStored(message.To, message.Subject);
        return Task.CompletedTask;
    }

    private bool TryTakeInjectedFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref failuresToInject);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref failuresToInject, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox email to {Recipient}: {Subject}")]
    private partial void LogStored(string recipient, string subject);
}
