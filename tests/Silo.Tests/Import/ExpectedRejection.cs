namespace PacificEdge.Silo.Tests.Import;

/// <summary>A fault the generator planted: the row must be rejected at this file and line with a reason containing <see cref="ReasonPart"/>.</summary>
public sealed record ExpectedRejection(string Kind, string File, int Line, string ReasonPart);
