using System.Globalization;
using System.Reflection;

namespace PacificEdge.Runtime.References;

/// <summary>Creates grain references. No I/O: the first call on a reference activates the grain.</summary>
internal sealed class GrainFactory(GrainInterfaceRegistry interfaces, Lazy<GrainCallInvoker> invoker) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryKey);
        return (TGrainInterface)GetGrain(typeof(TGrainInterface), primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey
        => (TGrainInterface)GetGrain(typeof(TGrainInterface), primaryKey.ToString("N"));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey
        => (TGrainInterface)GetGrain(typeof(TGrainInterface), primaryKey.ToString(CultureInfo.InvariantCulture));

    public IGrain GetGrain(Type grainInterfaceType, string key)
    {
        ArgumentNullException.ThrowIfNull(grainInterfaceType);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var descriptor = interfaces.Get(grainInterfaceType);
        return Create(descriptor, new GrainId(descriptor.GrainType, key));
    }

    /// <summary>A reference typed as <paramref name="grainInterfaceType"/> to a grain whose id is already known (it may be of a derived interface).</summary>
    public IGrain GetGrain(Type grainInterfaceType, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainId.Type);
        ArgumentException.ThrowIfNullOrEmpty(grainId.Key);
        return Create(interfaces.Get(grainInterfaceType), grainId);
    }

    private IGrain Create(GrainInterfaceDescriptor descriptor, GrainId grainId)
    {
        var proxy = (GrainReference)DispatchProxy.Create(descriptor.InterfaceType, typeof(GrainReference));
        proxy.Initialize(grainId, descriptor, invoker.Value);
        return (IGrain)proxy;
    }
}
