using PacificEdge.Grains.Orders;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>The retry rule of the order outbox, without a cluster: lanes, backoff, dead-lettering.</summary>
public sealed class EffectScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly EffectSchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), maxAttempts: 4);

    private static OrderEffect Effect(OrderEffectKind kind, string key, string? text = null, DateTimeOffset? next = null)
        => new(kind, key, Text: text, NextAttemptAt: next);

    [Fact]
    public void The_delay_doubles_after_each_failure_up_to_the_cap()
    {
        Assert.Equal(
            [30, 60, 120, 240, 300, 300],
            Enumerable.Range(1, 6).Select(n => (int)Schedule.DelayAfter(n).TotalSeconds).ToArray());
    }

    [Fact]
    public void A_failure_is_counted_rescheduled_and_described()
    {
        var once = Schedule.Failed(Effect(OrderEffectKind.VoidPayment, "void:pi_1", "pi_1"), new InvalidOperationException("no such\npayment"), Now);
        var twice = Schedule.Failed(once, new InvalidOperationException("still not"), Now);

        Assert.Equal(1, once.Attempts);
        Assert.Equal(Now.AddSeconds(30), once.NextAttemptAt);
        Assert.Equal("InvalidOperationException: no such payment", once.LastError);
        Assert.Equal(2, twice.Attempts);
        Assert.Equal(Now.AddSeconds(60), twice.NextAttemptAt);
        Assert.Equal("InvalidOperationException: still not", twice.LastError);
    }

    [Fact]
    public void A_long_error_message_is_shortened()
    {
        var described = EffectSchedule.Describe(new InvalidOperationException(new string('x', 1000)));
        Assert.Equal(300, described.Length);
        Assert.EndsWith("…", described);
    }

    [Fact]
    public void An_effect_is_dead_lettered_at_the_last_attempt_but_status_events_and_alerts_never_are()
    {
        var effect = Effect(OrderEffectKind.VoidPayment, "void:pi_1", "pi_1");
        Assert.False(Schedule.ShouldDeadLetter(effect with { Attempts = 3 }));
        Assert.True(Schedule.ShouldDeadLetter(effect with { Attempts = 4 }));
        Assert.False(Schedule.ShouldDeadLetter(Effect(OrderEffectKind.PublishStatus, "publish") with { Attempts = 40 }));
        Assert.False(Schedule.ShouldDeadLetter(Effect(OrderEffectKind.RaiseAlert, "alert:x") with { Attempts = 40 }));
    }

    [Fact]
    public void Effects_on_the_same_target_share_a_lane_and_independent_ones_do_not()
    {
        Assert.Equal(EffectSchedule.Lane(Effect(OrderEffectKind.CommitStock, "commit-stock")), EffectSchedule.Lane(Effect(OrderEffectKind.RestockCommitted, "restock")));
        Assert.Equal(EffectSchedule.Lane(Effect(OrderEffectKind.ClaimReferral, "claim-referral")), EffectSchedule.Lane(Effect(OrderEffectKind.AwardReferral, "o:referral", "ref")));
        Assert.Equal(EffectSchedule.Lane(Effect(OrderEffectKind.CapturePayment, "capture:pi_1", "pi_1")), EffectSchedule.Lane(Effect(OrderEffectKind.VoidPayment, "void:pi_1", "pi_1")));
        Assert.NotEqual(EffectSchedule.Lane(Effect(OrderEffectKind.VoidPayment, "void:pi_1", "pi_1")), EffectSchedule.Lane(Effect(OrderEffectKind.VoidPayment, "void:pi_2", "pi_2")));
        Assert.NotEqual(EffectSchedule.Lane(Effect(OrderEffectKind.SendEmail, "a")), EffectSchedule.Lane(Effect(OrderEffectKind.SendEmail, "b")));
        Assert.NotEqual(EffectSchedule.Lane(Effect(OrderEffectKind.VoidPayment, "void:pi_1", "pi_1")), EffectSchedule.Lane(Effect(OrderEffectKind.PublishStatus, "publish")));
    }

    [Fact]
    public void A_backing_off_effect_holds_back_only_its_own_lane()
    {
        List<OrderEffect> effects =
        [
            Effect(OrderEffectKind.CapturePayment, "capture:pi_1", "pi_1", next: Now.AddMinutes(2)),
            Effect(OrderEffectKind.VoidPayment, "void:pi_1", "pi_1"),
            Effect(OrderEffectKind.VoidPayment, "void:pi_2", "pi_2"),
            Effect(OrderEffectKind.PublishStatus, "publish"),
        ];

        Assert.Equal(2, EffectSchedule.NextDue(effects, Now)); // not the capture (later) nor the void behind it
        effects.RemoveAt(2);
        Assert.Equal(2, EffectSchedule.NextDue(effects, Now)); // the status event
        effects.RemoveAt(2);
        Assert.Equal(-1, EffectSchedule.NextDue(effects, Now));
        Assert.Equal(0, EffectSchedule.NextDue(effects, Now.AddMinutes(2)));
    }

    [Fact]
    public void The_work_reminder_wakes_for_the_earliest_lane_head()
    {
        List<OrderEffect> effects =
        [
            Effect(OrderEffectKind.CapturePayment, "capture:pi_1", "pi_1", next: Now.AddMinutes(4)),
            Effect(OrderEffectKind.VoidPayment, "void:pi_1", "pi_1", next: Now.AddMinutes(1)), // behind the capture: irrelevant
            Effect(OrderEffectKind.SendEmail, "order-confirmation", next: Now.AddMinutes(3)),
        ];

        Assert.Equal(Now.AddMinutes(3), EffectSchedule.NextWakeUp(effects, Now));
        Assert.Equal(Now, EffectSchedule.NextWakeUp([.. effects, Effect(OrderEffectKind.PublishStatus, "publish")], Now));
        Assert.Null(EffectSchedule.NextWakeUp([], Now));
    }
}
