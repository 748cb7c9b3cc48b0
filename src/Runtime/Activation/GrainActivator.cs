using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Serialization;
using PacificEdge.Runtime.Storage;

namespace PacificEdge.Runtime.Activation;

/// <summary>
/// Creates grain instances: constructor parameters from DI, and <see cref="IPersistentState{TState}"/>
/// parameters marked <see cref="PersistentStateAttribute"/> bound to the grain id and the named storage.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GrainCodec codec, RuntimeMetrics metrics, Hosting.SiloLifetime lifetime)
{
    public (Grain Grain, IReadOnlyList<IActivationState> States) Create(GrainClassInfo info, GrainId grainId)
    {
        var parameters = info.Constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        var states = new List<IActivationState>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
            {
                var state = CreateState(info, parameter, attribute, grainId);
                states.Add(state);
                arguments[i] = state;
            }
            else
            {
                arguments[i] = services.GetService(parameter.ParameterType)
                    ?? (parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException(
                        $"Grain class {info.ClassType.Name} needs a {parameter.ParameterType} for parameter '{parameter.Name}', but no such service is registered."));
            }
        }

        var grain = (Grain)info.Constructor.Invoke(arguments);
        return (grain, states);
    }

    private IActivationState CreateState(GrainClassInfo info, ParameterInfo parameter, PersistentStateAttribute attribute, GrainId grainId)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of {info.ClassType.Name} has [PersistentState] but its type is {type}, not IPersistentState<T>.");
        }

        var storage = services.GetKeyedService<IGrainStorage>(attribute.StorageName)
            ?? throw new InvalidOperationException(
                $"Grain class {info.ClassType.Name} asks for grain storage '{attribute.StorageName}' (state '{attribute.StateName}'), but no storage with that name is registered.");
        var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
        return (IActivationState)System.Activator.CreateInstance(stateType, grainId, attribute.StateName, storage, codec, metrics, lifetime.AbortedToken)!;
    }
}
