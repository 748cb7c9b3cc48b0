namespace PacificEdge.Grains.Interfaces;

/// <summary>
/// Settings hosts apply to Orleans so the contracts in this assembly travel as intended.
/// </summary>
/// <remarks>
/// Hosts (silo and client) add <see cref="NamespacePrefix"/> to Orleans'
/// <c>ExceptionSerializationOptions.SupportedNamespacePrefixes</c>, e.g.
/// <c>services.Configure&lt;ExceptionSerializationOptions&gt;(o =&gt; o.SupportedNamespacePrefixes.Add(ContractSerialization.NamespacePrefix))</c>,
/// so an exception type of ours that has no generated codec is still recreated by type (with its message)
/// instead of arriving as Orleans' generic <c>UnavailableExceptionFallbackException</c>.
/// Every type that crosses a grain boundary carries <c>[GenerateSerializer]</c> and an <c>[Alias]</c> starting
/// with <see cref="TypeAliasPrefix"/>; aliases are wire names: never change or reuse one.
/// </remarks>
public static class ContractSerialization
{
    /// <summary>The namespace prefix of this project's types (for exception serialization by type).</summary>
    public const string NamespacePrefix = "PacificEdge";

    /// <summary>The prefix of every contract type's <c>[Alias]</c>.</summary>
    public const string TypeAliasPrefix = "pe.";
}
