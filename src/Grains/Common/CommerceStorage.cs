namespace PacificEdge.Grains.Common;

/// <summary>The grain storage provider every commerce grain keeps its state in (registered by the host).</summary>
public static class CommerceStorage
{
    /// <summary>Name of the storage provider, as in <c>[PersistentState("order", CommerceStorage.Name)]</c>.</summary>
    public const string Name = "commerce";
}
