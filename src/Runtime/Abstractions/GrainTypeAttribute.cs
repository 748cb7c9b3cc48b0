namespace PacificEdge.Runtime;

/// <summary>
/// Gives a grain interface a stable type alias, used in grain ids, in storage and in reminders.
/// Without it the interface's full name is used, so renaming the interface would orphan stored
/// state; put the attribute on every interface whose grains persist anything.
/// </summary>
/// <remarks>
/// Unlike Orleans (where the alias sits on the class), identity here is derived from the
/// interface, so that a client process that has no grain classes can still compute ids.
/// </remarks>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainTypeAttribute(string alias) : Attribute
{
    /// <summary>The stable alias, e.g. <c>"order"</c>.</summary>
    public string Alias { get; } = alias;
}
