namespace PacificEdge.Silo.Tests.Import;

/// <summary>A generated export on disk and what a correct import of it must report.</summary>
public sealed record OldShopExport(
    string Folder,
    int Customers,
    int Orders,
    int Balances,
    long AcceptedPoints,
    long FilePoints,
    int Referrals,
    int Subscribers,
    int Duplicates,
    IReadOnlyList<ExpectedRejection> Rejections,
    IReadOnlyList<string> CustomerEmails,
    IReadOnlyDictionary<string, int> PointsByEmail) : IDisposable
{
    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
