using PacificEdge.Grains.Shipping;

namespace PacificEdge.Grains.Tests.Shipping;

public sealed class ShipmentPushBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unused_budget_sends_at_once()
    {
        var budget = new ShipmentPushBudget(40, TimeSpan.FromMinutes(1));

        Assert.Equal(T0, budget.EarliestSend(T0, fullBatch: false));
        Assert.Equal(T0, budget.EarliestSend(T0, fullBatch: true));
    }

    [Fact]
    public void A_partial_batch_keeps_the_spacing_a_full_one_does_not()
    {
        var budget = new ShipmentPushBudget(40, TimeSpan.FromMinutes(1));
        budget.Answered(T0);

        Assert.Equal(T0 + TimeSpan.FromSeconds(1.5), budget.EarliestSend(T0, fullBatch: false));
        Assert.Equal(T0, budget.EarliestSend(T0, fullBatch: true));
    }

    [Fact]
    public void A_used_up_window_waits_for_its_oldest_request_to_leave_it()
    {
        var budget = new ShipmentPushBudget(2, TimeSpan.FromMinutes(1));
        budget.Answered(T0);
        budget.Answered(T0 + TimeSpan.FromSeconds(10));

        Assert.Equal(T0 + TimeSpan.FromMinutes(1), budget.EarliestSend(T0 + TimeSpan.FromSeconds(20), fullBatch: true));
        Assert.Equal(T0 + TimeSpan.FromMinutes(1), budget.EarliestSend(T0 + TimeSpan.FromMinutes(1), fullBatch: true));
    }

    [Fact]
    public void A_pause_the_platform_asked_for_holds_every_batch()
    {
        var budget = new ShipmentPushBudget(40, TimeSpan.FromMinutes(1));
        budget.PauseUntil(T0 + TimeSpan.FromSeconds(30));
        budget.PauseUntil(T0 + TimeSpan.FromSeconds(5));

        Assert.Equal(T0 + TimeSpan.FromSeconds(30), budget.EarliestSend(T0, fullBatch: true));
        Assert.Equal(T0 + TimeSpan.FromSeconds(31), budget.EarliestSend(T0 + TimeSpan.FromSeconds(31), fullBatch: false));
    }
}
