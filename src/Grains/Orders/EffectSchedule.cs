using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Orders;

/// <summary>
/// When an order's owed effects run: each is retried on its own with exponential backoff and parked
/// (dead-lettered) after <see cref="MaxAttempts"/> failures, so one effect that can never succeed holds
/// back nothing but its own lane.
/// <para>
/// Lanes: effects on the same target keep their relative order, because their targets are idempotent per
/// key but not commutative (a restock before the commit it undoes, a void of a payment whose capture
/// is still owed, a claw-back before the earn). So stock effects share one lane, loyalty effects another
/// (a referral award follows its claim: follow-ups replace their parent in place), payment effects one
/// per payment id. Every email, every alert, the shipment, the expiry cancel and the status event are
/// lanes of their own. An effect runs when it is due and no earlier effect of its lane is still owed.
/// </para>
/// </summary>
/// <param name="initialDelay">Delay after the first failure; doubles with each further failure.</param>
/// <param name="maxDelay">Upper bound of the delay.</param>
/// <param name="maxAttempts">Failed attempts after which an effect is dead-lettered.</param>
public sealed class EffectSchedule(TimeSpan initialDelay, TimeSpan maxDelay, int maxAttempts)
{
    // Messages of exceptions are kept for admins; a bound keeps a stack of inner text out of the state.
    private const int MaxErrorLength = 300;

    public int MaxAttempts => maxAttempts;

    /// <summary>The lane an effect belongs to: effects of one lane run in list order, different lanes independently.</summary>
    public static string Lane(OrderEffect effect) => effect.Kind switch
    {
        OrderEffectKind.CommitStock or OrderEffectKind.ReleaseStock or OrderEffectKind.RestockCommitted => "stock",
        OrderEffectKind.CapturePoints or OrderEffectKind.ReleasePoints or OrderEffectKind.EarnPoints or OrderEffectKind.ClawbackPoints
            or OrderEffectKind.RestorePoints or OrderEffectKind.ClaimReferral or OrderEffectKind.AwardReferral => "points",
        OrderEffectKind.CapturePayment or OrderEffectKind.VoidPayment or OrderEffectKind.RefundPayment => $"payment:{effect.Text}",
        OrderEffectKind.CreateShipment => "shipment",
        OrderEffectKind.CancelExpiry => "expiry",
        OrderEffectKind.PublishStatus => "publish",
        _ => $"{effect.Kind}:{effect.Key}",
    };

    /// <summary>
    /// Whether an effect is parked after too many failures. Status events and alerts never are: an alert
    /// about a failing alert says nothing new, and the projection row must catch up with its order; both go
    /// to our own database, so they keep retrying at the longest delay until it answers.
    /// </summary>
    public static bool CanDeadLetter(OrderEffectKind kind) => kind is not (OrderEffectKind.PublishStatus or OrderEffectKind.RaiseAlert);

    /// <summary>The index of the next effect to run now (due, first of its lane still owed), or -1 when none is.</summary>
    public static int NextDue(IReadOnlyList<OrderEffect> effects, DateTimeOffset now)
    {
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < effects.Count; i++)
        {
            if (!blocked.Add(Lane(effects[i])))
            {
                continue; // an earlier effect of this lane is still owed
            }

            if (effects[i].NextAttemptAt is not { } next || next <= now)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>When the earliest lane head is due (null when nothing is owed): the order asks to be woken then.</summary>
    public static DateTimeOffset? NextWakeUp(IReadOnlyList<OrderEffect> effects, DateTimeOffset now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? earliest = null;
        foreach (var effect in effects)
        {
            if (seen.Add(Lane(effect)))
            {
                var due = effect.NextAttemptAt is { } next && next > now ? next : now;
                earliest = earliest is null || due < earliest ? due : earliest;
            }
        }

        return earliest;
    }

    /// <summary>The delay after the <paramref name="failedAttempts"/>-th failure: initial × 2^(n−1), capped.</summary>
    public TimeSpan DelayAfter(int failedAttempts) => ExponentialBackoff.Delay(initialDelay, maxDelay, failedAttempts);

    /// <summary>The effect after one more failed attempt: counted, rescheduled with backoff, the error kept.</summary>
    public OrderEffect Failed(OrderEffect effect, Exception error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentNullException.ThrowIfNull(error);
        var attempts = effect.Attempts + 1;
        return effect with { Attempts = attempts, NextAttemptAt = now + DelayAfter(attempts), LastError = Describe(error) };
    }

    /// <summary>Whether a failed effect has used up its attempts and is parked.</summary>
    public bool ShouldDeadLetter(OrderEffect effect) => CanDeadLetter(effect.Kind) && effect.Attempts >= maxAttempts;

    /// <summary>A short, single-line description of a failure: the exception type and its message (ours carry ids and amounts, never card data).</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = $"{error.GetType().Name}: {error.Message}".ReplaceLineEndings(" ");
        return text.Length <= MaxErrorLength ? text : text[..(MaxErrorLength - 1)] + "…";
    }
}
