namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// A send failed. <see cref="Permanent"/>: the relay refused this message for good (an SMTP 5xx), so it is recorded and
/// never sent again; otherwise (4xx, connection, TLS, timeout) the email log retries it with backoff.
/// The message is what the log keeps: for a refusal the server's status code and text.
/// </summary>
public sealed class EmailDeliveryException(string message, bool permanent, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>True when trying again cannot help.</summary>
    public bool Permanent { get; } = permanent;
}
