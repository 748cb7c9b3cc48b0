using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.References;

/// <summary>
/// Validates grain interfaces and caches their descriptors. Validation happens when a reference
/// is first requested, so a bad interface fails at GetGrain with a message naming the problem.
/// </summary>
internal sealed class GrainInterfaceRegistry(ExceptionCodec exceptionCodec)
{
    private static readonly HashSet<Type> MarkerInterfaces =
        [typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey)];

    private readonly ConcurrentDictionary<Type, Lazy<GrainInterfaceDescriptor>> _byType = new();
    private readonly ConcurrentDictionary<string, GrainInterfaceDescriptor> _byName = new(StringComparer.Ordinal);

    /// <summary>Gets the descriptor of a grain interface, validating it on first use.</summary>
    /// <exception cref="ArgumentException">The type is not a usable grain interface.</exception>
    public GrainInterfaceDescriptor Get(Type interfaceType)
    {
        var descriptor = _byType.GetOrAdd(interfaceType, t => new Lazy<GrainInterfaceDescriptor>(() => Describe(t))).Value;
        _byName.TryAdd(descriptor.InterfaceName, descriptor);
        return descriptor;
    }

    /// <summary>Finds a descriptor by interface full name among interfaces seen so far.</summary>
    public bool TryGetByName(string interfaceName, out GrainInterfaceDescriptor descriptor)
        => _byName.TryGetValue(interfaceName, out descriptor!);

    /// <summary>The grain type alias of an interface: <see cref="GrainTypeAttribute"/> or the full name.</summary>
    public static string GrainTypeOf(Type interfaceType)
        => interfaceType.GetCustomAttribute<GrainTypeAttribute>()?.Alias ?? interfaceType.FullName!;

    /// <summary>Whether a type is an application grain interface (not one of the runtime's marker interfaces).</summary>
    public static bool IsGrainInterface(Type type)
        => type.IsInterface && typeof(IGrain).IsAssignableFrom(type) && !MarkerInterfaces.Contains(type);

    private GrainInterfaceDescriptor Describe(Type type)
    {
        if (!IsGrainInterface(type))
        {
            throw new ArgumentException(
                $"{type} is not a grain interface: it must be an interface that extends IGrainWithStringKey, IGrainWithGuidKey or IGrainWithIntegerKey.",
                nameof(type));
        }

        if (type.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"Grain interface {type} is an open generic type.", nameof(type));
        }

        var methods = new List<GrainMethodDescriptor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var iface in new[] { type }.Concat(type.GetInterfaces()).Where(i => !MarkerInterfaces.Contains(i)))
        {
            if (iface.GetProperties().Length > 0 || iface.GetEvents().Length > 0)
            {
                throw new ArgumentException($"Grain interface {iface} declares properties or events; grain interfaces may only declare methods.", nameof(type));
            }

            foreach (var method in iface.GetMethods())
            {
                if (!names.Add(method.Name))
                {
                    throw new ArgumentException($"Grain interface {type} has more than one method named {method.Name}; overloads are not supported.", nameof(type));
                }

                methods.Add(DescribeMethod(type, iface, method));
            }
        }

        exceptionCodec.RegisterAssembly(type.Assembly);
        return new GrainInterfaceDescriptor(type, GrainTypeOf(type), methods);
    }

    private static GrainMethodDescriptor DescribeMethod(Type grainInterface, Type declaring, MethodInfo method)
    {
        var where = $"{declaring.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"Grain method {where} is generic; generic grain methods are not supported.", nameof(grainInterface));
        }

        foreach (var parameter in method.GetParameters())
        {
            if (NotSerialisableReason(parameter.ParameterType) is { } reason)
            {
                throw new ArgumentException(
                    $"Parameter '{parameter.Name}' of grain method {where} has type {parameter.ParameterType}, which cannot cross the grain boundary: {reason}.",
                    nameof(grainInterface));
            }
        }

        var returnType = method.ReturnType;
        var (kind, result) = returnType switch
        {
            _ when returnType == typeof(Task) => (GrainMethodKind.Task, null),
            _ when returnType == typeof(ValueTask) => (GrainMethodKind.ValueTask, null),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (GrainMethodKind.TaskOfT, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (GrainMethodKind.ValueTaskOfT, returnType.GetGenericArguments()[0]),
            _ => throw new ArgumentException(
                $"Grain method {where} returns {returnType}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.",
                nameof(grainInterface)),
        };

        if (result is not null && NotSerialisableReason(result) is { } resultReason)
        {
            throw new ArgumentException($"Grain method {where} returns {result}, which cannot cross the grain boundary: {resultReason}.", nameof(grainInterface));
        }

        return new GrainMethodDescriptor(declaring.FullName!, method, kind, result);
    }

    /// <summary>Catches the types that can never be copied by value; the codec reports the rest at call time.</summary>
    private static string? NotSerialisableReason(Type type) => type switch
    {
        { IsByRef: true } => "ref, out and in parameters are not supported",
        { IsPointer: true } => "pointers cannot be serialised",
        { IsByRefLike: true } => "ref structs (spans) cannot be serialised",
        _ when typeof(Delegate).IsAssignableFrom(type) => "delegates cannot be serialised",
        _ when typeof(Stream).IsAssignableFrom(type) => "streams cannot be serialised",
        _ when typeof(Task).IsAssignableFrom(type) || type == typeof(CancellationToken) => "tasks and cancellation tokens cannot be serialised",
        _ when type == typeof(IntPtr) || type == typeof(UIntPtr) => "native handles cannot be serialised",
        _ when typeof(Grain).IsAssignableFrom(type) => "pass the grain's interface (a reference), not the grain class",
        _ => null,
    };
}
