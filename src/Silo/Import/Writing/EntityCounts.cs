namespace PacificEdge.Silo.Import.Writing;

/// <summary>What writing one entity did: rows newly imported, rows already there from an earlier run (left alone).</summary>
public sealed class EntityCounts
{
    private int _imported;
    private int _unchanged;

    public int Imported => _imported;

    public int Unchanged => _unchanged;

    public void CountImported() => Interlocked.Increment(ref _imported);

    public void CountUnchanged() => Interlocked.Increment(ref _unchanged);
}
