namespace PacificEdge.Runtime.Placement;

/// <summary>
/// Rendezvous (highest random weight) hashing: a grain belongs to the silo with the highest
/// score for (grain, silo). Every process computes the same owner from the same silo list; when a
/// silo leaves only its grains move, when one joins it takes about 1/N of the grains from the
/// others, and no ring or virtual nodes need maintaining. Hashes are FNV-1a over UTF-16 code units
/// finished with a 64-bit mixer (never <see cref="string.GetHashCode()"/>, which differs per process).
/// </summary>
internal static class RendezvousHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>A stable 64-bit hash of a grain id (type and key).</summary>
    public static ulong Of(GrainId grainId)
    {
        var hash = Add(FnvOffset, grainId.Type);
        hash = (hash ^ 0x1F) * FnvPrime; // separator, so ("ab","c") and ("a","bc") differ
        return Mix(Add(hash, grainId.Key));
    }

    /// <summary>A stable 64-bit hash of a silo (its address and generation).</summary>
    public static ulong Of(SiloAddress silo) => Mix(Add(FnvOffset, silo.ToString()));

    /// <summary>Index of the silo with the highest score for the grain, or -1 when there is none.</summary>
    public static int PickOwner(ulong grainHash, ulong[] siloHashes)
    {
        var best = -1;
        var bestScore = 0UL;
        for (var i = 0; i < siloHashes.Length; i++)
        {
            var score = Mix(grainHash ^ siloHashes[i]);
            if (best < 0 || score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }

    /// <summary>The MurmurHash3 64-bit finaliser: spreads every input bit over the whole word.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }
}
