using System.Text.Json;
using PacificEdge.Persistence.Tests.Support;

namespace PacificEdge.Persistence.Tests.Storage;

public sealed class GrainStateJsonTests
{
    [Fact]
    public void Writes_camel_case_enum_names_and_no_type_names()
    {
        var json = GrainStateJson.Serialize(RichState.Sample(3));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("Paid", root.GetProperty("status").GetString());
        Assert.Equal("Draft", root.GetProperty("previousStatus").GetString());
        Assert.Equal(3, root.GetProperty("countsByStatus").GetProperty("Paid").GetInt32());
        Assert.Equal("SKU-1", root.GetProperty("lines")[0].GetProperty("sku").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("paidAt").ValueKind);
        Assert.DoesNotContain("$type", json);
        Assert.DoesNotContain("PacificEdge", json);
        // Non-ASCII letters stay readable (only characters outside the BMP are escaped).
        Assert.Contains("ключ", json);
        Assert.Equal(RichState.Sample(3).Name, root.GetProperty("name").GetString());
    }

    [Fact]
    public void Reads_state_written_before_a_property_was_added_or_renamed()
    {
        var state = GrainStateJson.Deserialize<RichState>("""{"name":"old","retiredProperty":1,"status":"Shipped","total":"12.50"}""");
        Assert.Equal("old", state.Name);
        Assert.Equal(OrderStatus.Shipped, state.Status);
        Assert.Equal(12.50m, state.Total);
        Assert.Empty(state.Lines);
    }

    [Fact]
    public void Empty_state_for_classes_and_positional_records()
    {
        Assert.Empty(GrainStateJson.CreateEmpty<RichState>().Tags);
        Assert.Null(GrainStateJson.CreateEmpty<RecordState>().Name);
        Assert.Equal(0, GrainStateJson.CreateEmpty<int>());
        Assert.NotNull(GrainStateJson.Deserialize<RichState>("null"));
    }
}
