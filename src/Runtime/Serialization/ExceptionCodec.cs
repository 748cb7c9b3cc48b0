using System.Collections.Concurrent;
using System.Reflection;
using PacificEdge.Runtime.Messaging;

namespace PacificEdge.Runtime.Serialization;

/// <summary>
/// Turns exceptions into <see cref="GrainError"/>s and back. Only exception types from the
/// runtime, from assemblies that define grain interfaces (the project's own types) and a short
/// list of common system exceptions are recreated; anything else becomes a
/// <see cref="GrainCallException"/> carrying the original type name and message.
/// </summary>
public sealed class ExceptionCodec
{
    private static readonly Type[] SystemExceptions =
    [
        typeof(ArgumentException), typeof(ArgumentNullException), typeof(ArgumentOutOfRangeException),
        typeof(InvalidOperationException), typeof(NotSupportedException), typeof(NotImplementedException),
        typeof(KeyNotFoundException), typeof(FormatException), typeof(TimeoutException),
        typeof(OperationCanceledException), typeof(TaskCanceledException), typeof(UnauthorizedAccessException),
        typeof(OverflowException), typeof(DivideByZeroException), typeof(NullReferenceException),
    ];

    private readonly ConcurrentDictionary<Assembly, bool> _assemblies = new();
    private readonly ConcurrentDictionary<string, Type?> _types = new(StringComparer.Ordinal);

    /// <summary>Creates the codec; the runtime assembly's exceptions are always known.</summary>
    public ExceptionCodec()
    {
        _assemblies.TryAdd(typeof(ExceptionCodec).Assembly, true);
        foreach (var type in SystemExceptions)
        {
            _types[type.FullName!] = type;
        }
    }

    /// <summary>Allows the exception types of an assembly (one that defines grain interfaces) to be recreated.</summary>
    public void RegisterAssembly(Assembly assembly)
    {
        if (_assemblies.TryAdd(assembly, true))
        {
            // A name looked up before the assembly was known may now resolve.
            foreach (var miss in _types.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                _types.TryRemove(miss, out _);
            }
        }
    }

    /// <summary>Describes an exception for the wire: type and message only.</summary>
    public GrainError ToError(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return new GrainError(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
    }

    private const string RemoteMarker = "PacificEdge.Runtime.RemoteException";

    /// <summary>Whether an exception was recreated from a grain response (thrown by another grain), not raised here.</summary>
    public static bool IsFromRemote(Exception exception) => exception.Data.Contains(RemoteMarker);

    /// <summary>Recreates the exception a grain threw, or a <see cref="GrainCallException"/> when its type is not allowed.</summary>
    public Exception ToException(GrainError error)
    {
        var exception = Create(error);
        exception.Data[RemoteMarker] = true;
        return exception;
    }

    private Exception Create(GrainError error)
    {
        var type = _types.GetOrAdd(error.Type, Resolve);
        if (type is not null)
        {
            if (type.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
            {
                return (Exception)withInner.Invoke([error.Message, null]);
            }

            if (type.GetConstructor([typeof(string)]) is { } withMessage)
            {
                return (Exception)withMessage.Invoke([error.Message]);
            }
        }

        return new GrainCallException(error.Type, error.Message);
    }

    private Type? Resolve(string fullName)
    {
        foreach (var assembly in _assemblies.Keys)
        {
            var type = assembly.GetType(fullName, throwOnError: false);
            if (type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract)
            {
                return type;
            }
        }

        return null;
    }
}
