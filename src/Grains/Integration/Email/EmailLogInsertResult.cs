namespace PacificEdge.Grains.Integration.Email;

/// <param name="Entry">The row for the key: the new one, or the one that already existed.</param>
/// <param name="Inserted">True when this call created the row (and so holds the claim for its first attempt).</param>
public sealed record EmailLogInsertResult(EmailLogEntry Entry, bool Inserted);
