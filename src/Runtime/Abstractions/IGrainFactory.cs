namespace PacificEdge.Runtime;

/// <summary>Creates references to grains. Getting a reference does no I/O; the first call activates the grain.</summary>
public interface IGrainFactory
{
    /// <summary>Gets a reference to the grain of interface <typeparamref name="TGrainInterface"/> with a string key.</summary>
    /// <exception cref="ArgumentException">The key is empty or the type is not a valid grain interface.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;

    /// <summary>Gets a reference to the grain of interface <typeparamref name="TGrainInterface"/> with a Guid key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey;

    /// <summary>Gets a reference to the grain of interface <typeparamref name="TGrainInterface"/> with an integer key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>Gets a reference for an interface known only at run time (used when references cross the wire).</summary>
    IGrain GetGrain(Type grainInterfaceType, string key);
}
