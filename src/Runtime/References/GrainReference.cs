using System.Reflection;

namespace PacificEdge.Runtime.References;

/// <summary>
/// Base class of the runtime-generated proxies that implement grain interfaces. A reference is
/// only an id and a pointer to the runtime; creating one does no I/O. Cast a grain interface to
/// <see cref="GrainReference"/> to read its <see cref="GrainId"/>.
/// </summary>
/// <remarks>Public only because <see cref="DispatchProxy"/> requires it; create references with <see cref="IGrainFactory"/>.</remarks>
public class GrainReference : DispatchProxy
{
    private GrainInterfaceDescriptor? _descriptor;
    private GrainCallInvoker? _invoker;

    /// <summary>The id of the referenced grain.</summary>
    public GrainId GrainId { get; private set; }

    /// <summary>The grain interface this reference implements.</summary>
    public Type InterfaceType => Descriptor.InterfaceType;

    internal GrainInterfaceDescriptor Descriptor => _descriptor ?? throw new InvalidOperationException("Grain reference is not initialised.");

    internal GrainCallInvoker Invoker => _invoker ?? throw new InvalidOperationException("Grain reference is not initialised.");

    /// <inheritdoc />
    public override bool Equals(object? obj)
        => obj is GrainReference other && other.GrainId == GrainId && other._descriptor?.InterfaceType == _descriptor?.InterfaceType;

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"GrainReference:{GrainId}";

    internal void Initialize(GrainId grainId, GrainInterfaceDescriptor descriptor, GrainCallInvoker invoker)
    {
        GrainId = grainId;
        _descriptor = descriptor;
        _invoker = invoker;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return Descriptor.MethodsByInfo.TryGetValue(targetMethod, out var method)
            ? method.ProxyCall(this, args)
            : throw new NotSupportedException($"{targetMethod.Name} is not a method of grain interface {Descriptor.InterfaceName}.");
    }
}
