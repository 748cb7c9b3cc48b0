using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.References;

/// <summary>
/// Everything the runtime needs to call one grain interface method on either side of the
/// boundary, compiled once per method: a proxy-side call that returns the right awaitable,
/// and a grain-side invoker that runs the method and encodes its result.
/// </summary>
internal sealed class GrainMethodDescriptor
{
    private static readonly MethodInfo ProxyTaskOfT = typeof(GrainMethodDescriptor).GetMethod(nameof(CallTaskOfT), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo ProxyValueTaskOfT = typeof(GrainMethodDescriptor).GetMethod(nameof(CallValueTaskOfT), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo AwaitTaskOfT = typeof(GrainMethodDescriptor).GetMethod(nameof(EncodeTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitValueTaskOfT = typeof(GrainMethodDescriptor).GetMethod(nameof(EncodeValueTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, object?[], object> _invokeRaw;
    private readonly Func<object, GrainCodec, ValueTask<byte[]?>> _encodeResult;

    public GrainMethodDescriptor(string interfaceName, MethodInfo method, GrainMethodKind kind, Type? resultType)
    {
        InterfaceName = interfaceName;
        Method = method;
        Name = method.Name;
        Kind = kind;
        ResultType = resultType;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        _invokeRaw = CompileInvoker(method, ParameterTypes);
        (ProxyCall, _encodeResult) = kind switch
        {
            GrainMethodKind.Task => ((Func<GrainReference, object?[]?, object>)CallTask, EncodeTask),
            GrainMethodKind.ValueTask => (CallValueTask, EncodeValueTask),
            GrainMethodKind.TaskOfT => (
                ProxyTaskOfT.MakeGenericMethod(resultType!).CreateDelegate<Func<GrainReference, object?[]?, object>>(this),
                AwaitTaskOfT.MakeGenericMethod(resultType!).CreateDelegate<Func<object, GrainCodec, ValueTask<byte[]?>>>()),
            _ => (
                ProxyValueTaskOfT.MakeGenericMethod(resultType!).CreateDelegate<Func<GrainReference, object?[]?, object>>(this),
                AwaitValueTaskOfT.MakeGenericMethod(resultType!).CreateDelegate<Func<object, GrainCodec, ValueTask<byte[]?>>>()),
        };
    }

    /// <summary>Full name of the interface that declares the method (as sent in requests).</summary>
    public string InterfaceName { get; }

    public MethodInfo Method { get; }

    public string Name { get; }

    public GrainMethodKind Kind { get; }

    /// <summary>The T of Task&lt;T&gt;/ValueTask&lt;T&gt;, or null.</summary>
    public Type? ResultType { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>Caller side: sends the call and returns the awaitable the interface method declares.</summary>
    public Func<GrainReference, object?[]?, object> ProxyCall { get; }

    /// <summary>Grain side: invokes the method on the grain instance and encodes its result.</summary>
    public ValueTask<byte[]?> InvokeAsync(object grain, object?[] arguments, GrainCodec codec)
        => _encodeResult(_invokeRaw(grain, arguments), codec);

    public override string ToString() => $"{InterfaceName}.{Name}";

    private static Func<object, object?[], object> CompileInvoker(MethodInfo method, Type[] parameterTypes)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            parameterTypes.Select((t, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), t)));
        return Expression.Lambda<Func<object, object?[], object>>(Expression.Convert(call, typeof(object)), grain, args).Compile();
    }

    private object CallTask(GrainReference reference, object?[]? args) => reference.Invoker.InvokeVoidAsync(reference, this, args);

    private object CallValueTask(GrainReference reference, object?[]? args) => new ValueTask(reference.Invoker.InvokeVoidAsync(reference, this, args));

    private object CallTaskOfT<T>(GrainReference reference, object?[]? args) => reference.Invoker.InvokeAsync<T>(reference, this, args);

    private object CallValueTaskOfT<T>(GrainReference reference, object?[]? args) => new ValueTask<T>(reference.Invoker.InvokeAsync<T>(reference, this, args));

    private static async ValueTask<byte[]?> EncodeTask(object awaitable, GrainCodec codec)
    {
        await ((Task)awaitable).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<byte[]?> EncodeValueTask(object awaitable, GrainCodec codec)
    {
        await ((ValueTask)awaitable).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<byte[]?> EncodeTaskOfT<T>(object awaitable, GrainCodec codec)
        => codec.SerializeValue(await ((Task<T>)awaitable).ConfigureAwait(false));

    private static async ValueTask<byte[]?> EncodeValueTaskOfT<T>(object awaitable, GrainCodec codec)
        => codec.SerializeValue(await ((ValueTask<T>)awaitable).ConfigureAwait(false));
}
