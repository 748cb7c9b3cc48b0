using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Tests.Integration.Email;

/// <summary>One set of tests that every <see cref="IEmailLog"/> must pass (run against memory and PostgreSQL).</summary>
public abstract class EmailLogContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    protected abstract IEmailLog Log { get; }

    [Fact]
    public async Task A_key_is_inserted_once_and_then_returned_as_it_is()
    {
        var first = await Log.InsertOrGetAsync(Entry("order:ord_1:confirmation"), T0, T0.AddMinutes(5), default);
        var second = await Log.InsertOrGetAsync(Entry("order:ord_1:confirmation") with { Subject = "other" }, T0.AddMinutes(1), T0.AddMinutes(6), default);

        Assert.True(first.Inserted);
        Assert.False(second.Inserted);
        Assert.Equal(first.Entry, second.Entry);
        Assert.Equal(EmailStatus.Pending, first.Entry.Status);
        Assert.Equal(1, first.Entry.Attempts);
        Assert.Equal(T0, first.Entry.CreatedAt);
        Assert.Equal(T0.AddMinutes(5), first.Entry.NextAttemptAt);
        Assert.Null(first.Entry.SentAt);
    }

    [Fact]
    public async Task Every_field_round_trips()
    {
        var entry = new NewEmailLogEntry("k:unicode", NotificationKind.ShippingConfirmation, "zoë@example.com", "Café ✓", "text ☕\nline 2", "<p>html &amp; ☕</p>");

        await Log.InsertOrGetAsync(entry, T0, T0.AddMinutes(5), default);
        var found = await Log.FindAsync("k:unicode", default);

        Assert.NotNull(found);
        Assert.Equal(
            (entry.Key, entry.Kind, entry.Recipient, entry.Subject, entry.TextBody, entry.HtmlBody),
            (found.Key, found.Kind, found.Recipient, found.Subject, found.TextBody, found.HtmlBody));
        Assert.Null(await Log.FindAsync("k:absent", default));
    }

    [Fact]
    public async Task A_claim_is_granted_only_when_due_and_only_once()
    {
        var id = (await Log.InsertOrGetAsync(Entry("k:claim"), T0, T0.AddMinutes(5), default)).Entry.Id;

        Assert.Null(await Log.TryClaimAsync(id, T0.AddMinutes(4), T0.AddMinutes(9), default));
        var claimed = await Log.TryClaimAsync(id, T0.AddMinutes(5), T0.AddMinutes(10), default);
        Assert.Null(await Log.TryClaimAsync(id, T0.AddMinutes(5), T0.AddMinutes(10), default));

        Assert.NotNull(claimed);
        Assert.Equal(2, claimed.Attempts);
        Assert.Equal(T0.AddMinutes(10), claimed.NextAttemptAt);
        Assert.Null(await Log.TryClaimAsync(-1, T0.AddDays(1), T0.AddDays(1), default));
    }

    [Fact]
    public async Task Failed_rows_become_due_at_their_next_attempt_and_sent_rows_never()
    {
        var failed = (await Log.InsertOrGetAsync(Entry("k:failed"), T0, T0.AddMinutes(5), default)).Entry.Id;
        var sent = (await Log.InsertOrGetAsync(Entry("k:sent"), T0, T0.AddMinutes(5), default)).Entry.Id;
        await Log.MarkFailedAsync(failed, "relay down", T0.AddMinutes(2), default);
        await Log.MarkSentAsync(sent, T0.AddSeconds(1), default);

        Assert.Empty(await Log.ListDueAsync(T0.AddMinutes(1), 10, default));
        var due = Assert.Single(await Log.ListDueAsync(T0.AddMinutes(2), 10, default));
        Assert.Equal((failed, EmailStatus.Failed, "relay down"), (due.Id, due.Status, due.LastError));
        Assert.Equal([failed], (await Log.ListDueAsync(T0.AddDays(1), 10, default)).Select(e => e.Id));

        var sentRow = await Log.FindAsync("k:sent", default);
        Assert.Equal(EmailStatus.Sent, sentRow!.Status);
        Assert.Equal(T0.AddSeconds(1), sentRow.SentAt);
        Assert.Null(await Log.TryClaimAsync(sent, T0.AddDays(1), T0.AddDays(1), default));
    }

    [Fact]
    public async Task Final_states_do_not_change()
    {
        var sent = (await Log.InsertOrGetAsync(Entry("k:final-sent"), T0, T0, default)).Entry.Id;
        var abandoned = (await Log.InsertOrGetAsync(Entry("k:final-abandoned"), T0, T0, default)).Entry.Id;
        await Log.MarkSentAsync(sent, T0, default);
        await Log.MarkAbandonedAsync(abandoned, "gave up", default);

        await Log.MarkFailedAsync(sent, "late failure", T0, default);
        await Log.MarkAbandonedAsync(sent, "late", default);
        await Log.MarkSentAsync(abandoned, T0, default);

        Assert.Equal(EmailStatus.Sent, (await Log.FindAsync("k:final-sent", default))!.Status);
        var gaveUp = await Log.FindAsync("k:final-abandoned", default);
        Assert.Equal((EmailStatus.Abandoned, "gave up"), (gaveUp!.Status, gaveUp.LastError));
        Assert.Empty(await Log.ListDueAsync(T0.AddDays(1), 10, default));
    }

    [Fact]
    public async Task Due_rows_come_longest_waiting_first_within_the_limit()
    {
        for (var i = 0; i < 4; i++)
        {
            await Log.InsertOrGetAsync(Entry($"k:due:{i}"), T0, T0.AddMinutes(10 - i), default);
        }

        var due = await Log.ListDueAsync(T0.AddHours(1), 3, default);

        Assert.Equal(["k:due:3", "k:due:2", "k:due:1"], due.Select(e => e.Key));
    }

    [Fact]
    public async Task The_admin_list_is_newest_first_and_filters_by_status()
    {
        var old = (await Log.InsertOrGetAsync(Entry("k:list:old"), T0, T0, default)).Entry.Id;
        await Log.InsertOrGetAsync(Entry("k:list:mid"), T0.AddMinutes(1), T0, default);
        await Log.InsertOrGetAsync(Entry("k:list:new"), T0.AddMinutes(2), T0, default);
        await Log.MarkSentAsync(old, T0, default);

        Assert.Equal(["k:list:new", "k:list:mid", "k:list:old"], (await Log.ListAsync(10, null, default)).Select(e => e.Key));
        Assert.Equal(["k:list:new", "k:list:mid"], (await Log.ListAsync(2, "", default)).Select(e => e.Key));
        Assert.Equal(["k:list:old"], (await Log.ListAsync(10, "sent", default)).Select(e => e.Key));
        Assert.Equal(2, (await Log.ListAsync(10, "Pending", default)).Count);
        Assert.Empty(await Log.ListAsync(10, "Abandoned", default));
        await Assert.ThrowsAsync<ValidationException>(() => Log.ListAsync(10, "Bogus", default));
        await Assert.ThrowsAsync<ValidationException>(() => Log.ListAsync(10, "1", default));
        await Assert.ThrowsAsync<ValidationException>(() => Log.ListAsync(0, null, default));
        await Assert.ThrowsAsync<ValidationException>(() => Log.ListAsync(1001, null, default));
    }

    private static NewEmailLogEntry Entry(string key)
        => new(key, NotificationKind.OrderConfirmation, "shopper@example.com", "Subject " + key, "Text", "<p>Html</p>");
}
