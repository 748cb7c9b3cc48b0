namespace PacificEdge.Silo.Import.Parsing;

/// <summary>What became of an old-shop order, mapped from the export's many spellings.</summary>
public enum HistoricOrderStatus
{
    /// <summary>Paid and delivered (completed, fulfilled, shipped, delivered, paid).</summary>
    Completed,

    /// <summary>Cancelled or voided.</summary>
    Cancelled,

    /// <summary>Refunded in full or in part.</summary>
    Refunded,

    /// <summary>Still open when the old shop closed (pending, processing, unfulfilled, on hold).</summary>
    Open,
}
