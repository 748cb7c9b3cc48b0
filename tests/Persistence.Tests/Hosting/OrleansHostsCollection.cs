namespace PacificEdge.Persistence.Tests.Hosting;

/// <summary>Tests that start Orleans silos run one class at a time: the machine has few cores.</summary>
[CollectionDefinition(Name)]
public sealed class OrleansHostsCollection
{
    public const string Name = "Orleans hosts";
}
