namespace PacificEdge.Grains.Integration.Email;

/// <summary>Where a logged email stands. Stored by name in <c>email_log.status</c>.</summary>
public enum EmailStatus
{
    /// <summary>Logged; a send is under way (or its sender died: due again after the grace period).</summary>
    Pending,

    /// <summary>Delivered to the relay. Final: never sent again.</summary>
    Sent,

    /// <summary>The last attempt failed; retried at <see cref="EmailLogEntry.NextAttemptAt"/>.</summary>
    Failed,

    /// <summary>Given up: after the maximum attempts, or at once when the relay refused it permanently (SMTP 5xx; the reply is in <see cref="EmailLogEntry.LastError"/>). Final.</summary>
    Abandoned,
}
