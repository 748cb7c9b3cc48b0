namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Sends a templated email once per key: the message is logged in PostgreSQL (status, attempts)
/// before it is sent, a failed send is retried by a background service, and the same key is
/// never sent twice. Returns once the message is durably logged (sent or queued for retry).
/// </summary>
public interface INotificationService
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <param name="Key">Idempotency key, e.g. <c>order:ord_1:confirmation</c>.</param>
/// <param name="Kind">Which template.</param>
/// <param name="To">Recipient address.</param>
/// <param name="Model">Template values (order id, totals, tracking link, ...). Never card data.</param>
public sealed record Notification(string Key, NotificationKind Kind, string To, IReadOnlyDictionary<string, string> Model);

public enum NotificationKind
{
    OrderConfirmation,
    PaymentFailed,
    PaymentRetryReminder,
    ShippingConfirmation,
    AbandonedCart,
    OrderAccessLink,

    /// <summary>A customer imported from the old shop: set your password (a single-use, expiring link).</summary>
    SetPasswordInvitation,

    /// <summary>"Forgot password": a single-use, expiring link to choose a new password.</summary>
    PasswordReset,

    /// <summary>Registration: a single-use, expiring link that confirms the address and creates the account.</summary>
    RegistrationConfirmation,

    /// <summary>Someone tried to register an address that already has an account: sign in or reset the password.</summary>
    AlreadyRegistered,
}
