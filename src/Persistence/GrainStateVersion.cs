using System.Globalization;
using Orleans.Runtime;
using Orleans.Storage;

namespace PacificEdge.Persistence;

/// <summary>ETag helpers shared by the grain storages: the ETag is the row's integer version as text.</summary>
internal static class GrainStateVersion
{
    /// <summary>The version an ETag names; null for a null ETag (nothing read yet). A foreign ETag is a conflict.</summary>
    public static long? Parse(string? etag, string stateName)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' of state '{stateName}' is not a version of this storage.", null, etag);
    }

    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static InconsistentStateException Conflict(string stateName, GrainId grainId, long? stored, string? expected) =>
        new(
            $"Version conflict writing state '{stateName}' of {grainId}: stored ETag {(stored is null ? "<none>" : Format(stored.Value))}, caller had {expected ?? "<none>"}.",
            stored is null ? null : Format(stored.Value),
            expected);
}
