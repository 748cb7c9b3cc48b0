using System.Reflection;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.References;

namespace PacificEdge.Runtime.Activation;

/// <summary>
/// The grain classes this silo hosts, by grain type alias. Built and validated once at start-up,
/// so a class with no grain interface, two classes for one interface, or an unusable constructor
/// stop the silo with a clear message instead of failing on the first call.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainClassInfo> _byGrainType = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IOptions<GrainClassOptions> classes, IOptions<GrainCollectionOptions> collection, GrainInterfaceRegistry interfaces)
    {
        var reminderMethod = typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!;
        foreach (var classType in classes.Value.GrainClasses.Distinct())
        {
            if (!typeof(Grain).IsAssignableFrom(classType) || classType.IsAbstract || classType.IsGenericTypeDefinition)
            {
                throw new InvalidOperationException($"{classType} cannot be a grain class: it must be a concrete, non-generic subclass of Grain.");
            }

            var grainInterfaces = classType.GetInterfaces().Where(GrainInterfaceRegistry.IsGrainInterface).ToList();
            if (grainInterfaces.Count == 0)
            {
                throw new InvalidOperationException($"Grain class {classType} implements no grain interface.");
            }

            var constructors = classType.GetConstructors();
            if (constructors.Length != 1)
            {
                throw new InvalidOperationException($"Grain class {classType} must have exactly one public constructor; it has {constructors.Length}.");
            }

            var age = collection.Value.ClassSpecificCollectionAge.TryGetValue(classType.FullName!, out var configured)
                ? configured
                : classType.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Amount ?? collection.Value.CollectionAge;
            var reminder = typeof(IRemindable).IsAssignableFrom(classType)
                ? new GrainMethodDescriptor(GrainClassInfo.ReminderInterfaceName, reminderMethod, GrainMethodKind.Task, null)
                : null;

            foreach (var grainInterface in grainInterfaces)
            {
                var descriptor = interfaces.Get(grainInterface);
                if (_byGrainType.TryGetValue(descriptor.GrainType, out var existing))
                {
                    throw new InvalidOperationException(
                        $"Grain type '{descriptor.GrainType}' ({grainInterface}) is implemented by both {existing.ClassType} and {classType}.");
                }

                _byGrainType[descriptor.GrainType] = new GrainClassInfo(classType, descriptor, constructors[0], reminder, age);
            }
        }
    }

    public IEnumerable<GrainClassInfo> All => _byGrainType.Values;

    public bool TryGet(string grainType, out GrainClassInfo info) => _byGrainType.TryGetValue(grainType, out info!);
}
