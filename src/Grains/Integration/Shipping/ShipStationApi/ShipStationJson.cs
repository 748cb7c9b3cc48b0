using System.Text.Json;
using System.Text.Json.Serialization;

namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>JSON settings of the platform's API: camelCase names, nulls left out.</summary>
internal static class ShipStationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
