using System.Collections.Concurrent;
using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>The account emails a <see cref="StoreApp"/> sent (they are still mailed as well), with their links.</summary>
public sealed class AccountMailbox
{
    private readonly ConcurrentQueue<AccountMail> _mails = new();

    public void Add(NotificationKind kind, string email, string link) => _mails.Enqueue(new AccountMail(kind, email, link));

    /// <summary>Every account email to <paramref name="email"/>, oldest first.</summary>
    public IReadOnlyList<AccountMail> To(string email)
        => [.. _mails.Where(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The link of the newest <paramref name="kind"/> email to <paramref name="email"/>.</summary>
    public string LastLink(string email, NotificationKind kind)
        => To(email).LastOrDefault(m => m.Kind == kind)?.Link ?? throw new InvalidOperationException($"No {kind} email was sent to {email}.");

    /// <summary>The token of the newest registration link to <paramref name="email"/>.</summary>
    public string RegistrationToken(string email) => LastLink(email, NotificationKind.RegistrationConfirmation).Split("#confirm=")[1];

    public sealed record AccountMail(NotificationKind Kind, string Email, string Link);
}
