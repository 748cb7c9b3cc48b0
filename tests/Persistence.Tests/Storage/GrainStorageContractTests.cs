using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using PacificEdge.Persistence.Tests.Support;

namespace PacificEdge.Persistence.Tests.Storage;

/// <summary>
/// What both grain storages promise; run against PostgreSQL and against the in-memory one so the
/// unit-test storage cannot drift from production.
/// </summary>
public abstract class GrainStorageContractTests
{
    protected abstract IGrainStorage Storage { get; }

    public static TheoryData<string, string> Identities()
    {
        var guid = Guid.Parse("0123456789abcdef0123456789abcdef");
        return new TheoryData<string, string>
        {
            { "type-a", "020235" }, { "type-a", "20235" },
            { "type-a", "1" }, { "type-a", "01" },
            { "type-a", "c1" }, { "type-a", "C1" }, { "type-a", "0c1" },
            { "type-a", "deadbeef" }, { "type-a", "DEADBEEF" },
            { "type-a", guid.ToString("N") }, { "type-a", guid.ToString("D") }, { "type-a", guid.ToString("B") },
            { "type-a", "shared" }, { "type-b", "shared" },
            { "type-a", new string('k', 1000) }, { "type-a", new string('k', 999) + "K" },
            { "type-a", "ключ-😀" }, { "type-a", "ключ-😁" }, { "type-a", "键" },
        };
    }

    [Fact]
    public async Task Keys_that_look_alike_grain_types_sharing_a_key_long_and_unicode_keys_all_keep_separate_state()
    {
        var ids = Identities().Select(row => GrainId.Create((string)row[0], (string)row[1])).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        for (var i = 0; i < ids.Count; i++)
        {
            await Storage.WriteStateAsync("state", ids[i], new GrainState<ValueState>(new ValueState { Value = $"value-{i}" }));
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var read = new GrainState<ValueState>();
            await Storage.ReadStateAsync("state", ids[i], read);
            Assert.True(read.RecordExists, $"{ids[i]} exists");
            Assert.Equal($"value-{i}", read.State!.Value);
            Assert.Equal("1", read.ETag);
        }
    }

    [Fact]
    public async Task State_names_of_one_grain_are_separate()
    {
        var id = GrainId.Create("type-a", "names");
        await Storage.WriteStateAsync("one", id, new GrainState<ValueState>(new ValueState { Value = "1" }));
        await Storage.WriteStateAsync("two", id, new GrainState<ValueState>(new ValueState { Value = "2" }));

        Assert.Equal("1", (await ReadAsync<ValueState>("one", id)).State!.Value);
        Assert.Equal("2", (await ReadAsync<ValueState>("two", id)).State!.Value);
    }

    [Fact]
    public async Task Reading_a_missing_state_gives_no_record_no_etag_and_an_empty_state()
    {
        var read = await ReadAsync<RichState>("state", GrainId.Create("type-a", "missing"));
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Empty(read.State!.Lines);
    }

    [Fact]
    public async Task Rich_state_round_trips()
    {
        var id = GrainId.Create("type-a", "rich");
        var written = RichState.Sample(7);
        await Storage.WriteStateAsync("state", id, new GrainState<RichState>(written));

        var read = (await ReadAsync<RichState>("state", id)).State!;
        Assert.Equal(GrainStateJson.Serialize(written), GrainStateJson.Serialize(read));
        Assert.Equal(written.Total, read.Total);
        Assert.Equal(written.CreatedAt, read.CreatedAt);
        Assert.Equal(written.CreatedAt.Offset, read.CreatedAt.Offset);
        Assert.Equal(written.Lines, read.Lines);
        Assert.Equal(written.Tags, read.Tags);
        Assert.Equal(3, read.CountsByStatus[OrderStatus.Paid]);
        Assert.Null(read.PaidAt);
    }

    [Fact]
    public async Task Positional_record_state_round_trips_and_reads_empty_when_missing()
    {
        var id = GrainId.Create("type-a", "record");
        var missing = await ReadAsync<RecordState>("state", id);
        Assert.NotNull(missing.State);

        await Storage.WriteStateAsync("state", id, new GrainState<RecordState>(new RecordState("r", 2, ["x", "y"])));
        var read = (await ReadAsync<RecordState>("state", id)).State!;
        Assert.Equal("r", read.Name);
        Assert.Equal(["x", "y"], read.Items);
    }

    [Fact]
    public async Task Every_write_moves_the_etag_and_a_stale_etag_is_rejected_without_changing_anything()
    {
        var id = GrainId.Create("type-a", "stale");
        var mine = new GrainState<ValueState>(new ValueState { Value = "first" });
        await Storage.WriteStateAsync("state", id, mine);
        Assert.Equal("1", mine.ETag);
        var first = mine.ETag;

        mine.State!.Value = "second";
        await Storage.WriteStateAsync("state", id, mine);
        Assert.Equal("2", mine.ETag);

        var stale = new GrainState<ValueState>(new ValueState { Value = "stale" }) { ETag = first };
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, stale));
        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);

        var fresh = new GrainState<ValueState>(new ValueState { Value = "insert" });
        var insertConflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, fresh));
        Assert.Equal("2", insertConflict.StoredEtag);
        Assert.Null(insertConflict.CurrentEtag);

        var garbage = new GrainState<ValueState>(new ValueState { Value = "x" }) { ETag = "W/\"abc\"" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, garbage));

        var read = await ReadAsync<ValueState>("state", id);
        Assert.Equal("second", read.State!.Value);
        Assert.Equal("2", read.ETag);
        await AssertStoredAsync(id, "state", 2, "second");
    }

    [Fact]
    public async Task Writing_with_an_etag_to_a_missing_row_is_a_conflict()
    {
        var id = GrainId.Create("type-a", "gone");
        var state = new GrainState<ValueState>(new ValueState { Value = "x" }) { ETag = "5" };
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, state));
        Assert.Null(conflict.StoredEtag);
        Assert.False((await ReadAsync<ValueState>("state", id)).RecordExists);
    }

    [Fact]
    public async Task Clear_leaves_a_tombstone_whose_etag_a_later_write_uses()
    {
        var id = GrainId.Create("type-a", "cleared");
        var state = new GrainState<ValueState>(new ValueState { Value = "before" });
        await Storage.WriteStateAsync("state", id, state);
        var beforeClear = state.ETag;

        await Storage.ClearStateAsync("state", id, state);
        Assert.False(state.RecordExists);
        Assert.Equal("2", state.ETag);
        Assert.Equal(string.Empty, state.State!.Value);

        var afterClear = await ReadAsync<ValueState>("state", id);
        Assert.False(afterClear.RecordExists);
        Assert.Equal("2", afterClear.ETag);
        Assert.Equal(string.Empty, afterClear.State!.Value);

        // A writer holding the ETag from before the clear cannot bring the old state back.
        var stale = new GrainState<ValueState>(new ValueState { Value = "resurrected" }) { ETag = beforeClear };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, stale));

        state.State!.Value = "after";
        await Storage.WriteStateAsync("state", id, state);
        Assert.Equal("3", state.ETag);
        var read = await ReadAsync<ValueState>("state", id);
        Assert.True(read.RecordExists);
        Assert.Equal("after", read.State!.Value);
    }

    [Fact]
    public async Task Clearing_a_state_never_written_works_and_a_write_follows()
    {
        var id = GrainId.Create("type-a", "never");
        var state = new GrainState<ValueState>();
        await Storage.ReadStateAsync("state", id, state);
        await Storage.ClearStateAsync("state", id, state);
        Assert.False(state.RecordExists);

        state.State = new ValueState { Value = "now" };
        await Storage.WriteStateAsync("state", id, state);
        Assert.Equal("now", (await ReadAsync<ValueState>("state", id)).State!.Value);
    }

    protected async Task<GrainState<T>> ReadAsync<T>(string stateName, GrainId id)
    {
        var state = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, id, state);
        return state;
    }

    /// <summary>Checks what the backing store holds, beyond what a read returns (PostgreSQL only).</summary>
    protected virtual Task AssertStoredAsync(GrainId id, string stateName, long version, string value) => Task.CompletedTask;
}
