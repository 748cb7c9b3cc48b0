using System.Reflection;
using PacificEdge.Runtime.References;

namespace PacificEdge.Runtime.Activation;

/// <summary>How to create and call one grain type on this silo: its class, constructor, interface and collection age.</summary>
internal sealed class GrainClassInfo(
    Type classType,
    GrainInterfaceDescriptor grainInterface,
    ConstructorInfo constructor,
    GrainMethodDescriptor? reminderMethod,
    TimeSpan collectionAge)
{
    public Type ClassType { get; } = classType;

    public string GrainType => Interface.GrainType;

    public GrainInterfaceDescriptor Interface { get; } = grainInterface;

    public ConstructorInfo Constructor { get; } = constructor;

    /// <summary><see cref="IRemindable.ReceiveReminder"/>, when the class implements it.</summary>
    public GrainMethodDescriptor? ReminderMethod { get; } = reminderMethod;

    public TimeSpan CollectionAge { get; } = collectionAge;

    public GrainMethodDescriptor? FindMethod(string interfaceName, string methodName)
    {
        if (Interface.AcceptedInterfaceNames.Contains(interfaceName))
        {
            return Interface.MethodsByName.GetValueOrDefault(methodName);
        }

        return interfaceName == ReminderInterfaceName && methodName == nameof(IRemindable.ReceiveReminder) ? ReminderMethod : null;
    }

    public static readonly string ReminderInterfaceName = typeof(IRemindable).FullName!;
}
