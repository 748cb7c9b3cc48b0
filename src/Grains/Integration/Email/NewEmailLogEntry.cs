namespace PacificEdge.Grains.Integration.Email;

/// <summary>A rendered notification about to be logged.</summary>
public sealed record NewEmailLogEntry(string Key, NotificationKind Kind, string Recipient, string Subject, string TextBody, string HtmlBody);
