namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// The model keys the templates read. Required keys per kind: OrderConfirmation and PaymentFailed need
/// <see cref="OrderId"/> and <see cref="Total"/>; PaymentRetryReminder also <see cref="RetryUrl"/>;
/// ShippingConfirmation needs <see cref="OrderId"/> and <see cref="TrackingNumber"/>; AbandonedCart needs
/// <see cref="CartUrl"/>; OrderAccessLink needs <see cref="OrderId"/> and <see cref="OrderUrl"/>; SetPasswordInvitation and PasswordReset need <see cref="SetPasswordUrl"/>; RegistrationConfirmation needs
/// <see cref="ConfirmRegistrationUrl"/>; AlreadyRegistered needs <see cref="AccountUrl"/>. Everything else is optional, and an empty value counts as absent. URLs must be
/// absolute http(s).
/// </summary>
public static class EmailModelKeys
{
    public const string OrderId = "orderId";
    public const string CustomerName = "customerName";
    public const string Total = "total";
    public const string Subtotal = "subtotal";
    public const string Discount = "discount";

    /// <summary>Line summary, one line per item (newline-separated).</summary>
    public const string Items = "items";
    public const string ItemCount = "itemCount";
    public const string OrderUrl = "orderUrl";
    public const string RetryUrl = "retryUrl";
    public const string PaymentDueBy = "paymentDueBy";
    public const string DeclineCode = "declineCode";
    public const string PointsEarned = "pointsEarned";
    public const string Carrier = "carrier";
    public const string TrackingNumber = "trackingNumber";
    public const string TrackingUrl = "trackingUrl";
    public const string CartId = "cartId";
    public const string CartUrl = "cartUrl";

    /// <summary>The set-your-password link of a SetPasswordInvitation or PasswordReset (required there), and when it stops working.</summary>
    public const string SetPasswordUrl = "setPasswordUrl";
    public const string LinkExpiresAt = "linkExpiresAt";

    /// <summary>The link of a RegistrationConfirmation (required there; expires at <see cref="LinkExpiresAt"/>).</summary>
    public const string ConfirmRegistrationUrl = "confirmRegistrationUrl";

    /// <summary>The account page (sign in, forgot password), required in AlreadyRegistered.</summary>
    public const string AccountUrl = "accountUrl";

    /// <summary>Unsubscribe link of marketing mail (AbandonedCart); <see cref="NotificationService"/> sets it from <see cref="UnsubscribeLinks"/>.</summary>
    public const string UnsubscribeUrl = "unsubscribeUrl";
}
