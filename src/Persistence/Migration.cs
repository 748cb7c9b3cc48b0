namespace PacificEdge.Persistence;

/// <summary>One versioned SQL migration.</summary>
/// <param name="Module">The module it belongs to.</param>
/// <param name="Version">Its version within the module.</param>
/// <param name="Name">A short description from the file name.</param>
/// <param name="Sql">The SQL to run, in one transaction.</param>
public sealed record Migration(string Module, int Version, string Name, string Sql);
