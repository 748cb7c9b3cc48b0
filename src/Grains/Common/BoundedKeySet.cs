namespace PacificEdge.Grains.Common;

/// <summary>
/// Remembers processed keys (webhook event ids, idempotency keys) in grain state, oldest dropped
/// past a bound so state cannot grow forever. The bound is far above what one order or shipment
/// ever sees, so dropping never re-admits a real replay.
/// </summary>
public sealed class BoundedKeySet
{
    public const int DefaultCapacity = 500;

    public List<string> Keys { get; set; } = [];

    public bool Contains(string key) => Keys.Contains(key, StringComparer.Ordinal);

    /// <summary>Adds the key; false if it was already there.</summary>
    public bool Add(string key)
    {
        if (Contains(key))
        {
            return false;
        }

        Keys.Add(key);
        if (Keys.Count > DefaultCapacity)
        {
            Keys.RemoveAt(0);
        }

        return true;
    }
}
