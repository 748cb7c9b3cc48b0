using System.Reflection;

namespace PacificEdge.Runtime.References;

/// <summary>A validated grain interface: its type alias and its methods by name and by MethodInfo.</summary>
internal sealed class GrainInterfaceDescriptor
{
    public GrainInterfaceDescriptor(Type interfaceType, string grainType, IReadOnlyList<GrainMethodDescriptor> methods)
    {
        InterfaceType = interfaceType;
        GrainType = grainType;
        InterfaceName = interfaceType.FullName!;
        MethodsByName = methods.ToDictionary(m => m.Name, StringComparer.Ordinal);
        MethodsByInfo = methods.ToDictionary(m => m.Method);
        AcceptedInterfaceNames = new HashSet<string>(
            new[] { interfaceType }.Concat(interfaceType.GetInterfaces()).Select(i => i.FullName!),
            StringComparer.Ordinal);
    }

    /// <summary>This interface and every interface it extends: a reference typed as a base interface still reaches these methods.</summary>
    public IReadOnlySet<string> AcceptedInterfaceNames { get; }

    public Type InterfaceType { get; }

    /// <summary>The grain type alias used in grain ids.</summary>
    public string GrainType { get; }

    public string InterfaceName { get; }

    public IReadOnlyDictionary<string, GrainMethodDescriptor> MethodsByName { get; }

    public IReadOnlyDictionary<MethodInfo, GrainMethodDescriptor> MethodsByInfo { get; }
}
