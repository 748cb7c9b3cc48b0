namespace PacificEdge.Silo.Import.Writing;

/// <summary>Where the writer reports progress (a Spectre.Console progress bar, or nothing in tests).</summary>
public interface IImportProgress
{
    /// <summary>Starts a step of <paramref name="total"/> items.</summary>
    void Start(string step, int total);

    /// <summary>One more item of <paramref name="step"/> done.</summary>
    void Advance(string step);
}
