namespace PacificEdge.Runtime;

/// <summary>Marker for every grain interface. Use one of the keyed variants below.</summary>
public interface IGrain
{
}

/// <summary>A grain identified by a string key.</summary>
public interface IGrainWithStringKey : IGrain
{
}

/// <summary>A grain identified by a <see cref="Guid"/> key (stored as its "N" string form).</summary>
public interface IGrainWithGuidKey : IGrain
{
}

/// <summary>A grain identified by a 64-bit integer key (stored as its invariant string form).</summary>
public interface IGrainWithIntegerKey : IGrain
{
}
