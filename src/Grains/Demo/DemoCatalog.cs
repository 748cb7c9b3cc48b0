using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Demo;

/// <summary>A dozen lab products, each with a lot and a certificate of analysis link, for demos and trials.</summary>
public static class DemoCatalog
{
    public static IReadOnlyList<Product> Products(string currency) =>
    [
        Make("PE-BPC157-5MG", "BPC-157 5 mg", 39.95m, "L2411-07", "Lyophilised peptide, 99.1% HPLC purity.", currency),
        Make("PE-TB500-5MG", "TB-500 5 mg", 44.95m, "L2411-09", "Lyophilised peptide, 98.7% HPLC purity.", currency),
        Make("PE-GHKCU-50MG", "GHK-Cu 50 mg", 29.95m, "L2410-22", "Copper peptide complex, 99.3% purity.", currency),
        Make("PE-SEMAX-10MG", "Semax 10 mg", 34.95m, "L2410-31", "Heptapeptide, 98.9% purity.", currency),
        Make("PE-SELANK-10MG", "Selank 10 mg", 34.95m, "L2410-33", "Heptapeptide, 99.0% purity.", currency),
        Make("PE-NAD-500MG", "NAD+ 500 mg", 59.95m, "L2411-02", "Nicotinamide adenine dinucleotide, 99.5% purity.", currency),
        Make("PE-MOTSC-10MG", "MOTS-c 10 mg", 49.95m, "L2411-11", "Mitochondrial peptide, 98.5% purity.", currency),
        Make("PE-EPITAL-10MG", "Epitalon 10 mg", 32.95m, "L2410-18", "Tetrapeptide, 99.2% purity.", currency),
        Make("PE-KPV-10MG", "KPV 10 mg", 27.95m, "L2410-26", "Tripeptide, 99.0% purity.", currency),
        Make("PE-BACWATER-30ML", "Bacteriostatic water 30 ml", 9.95m, "L2411-15", "0.9% benzyl alcohol, sterile.", currency),
        Make("PE-AOD9604-5MG", "AOD-9604 5 mg", 42.95m, "L2411-04", "Peptide fragment, 98.8% purity.", currency),
        Make("PE-DSIP-5MG", "DSIP 5 mg", 31.95m, "L2410-29", "Nonapeptide, 99.1% purity.", currency),
    ];

    private static Product Make(string sku, string name, decimal price, string lot, string description, string currency)
        => new(sku, name, new Money(price, currency), lot, $"https://coa.pacificedgelabs.example/{lot}.pdf", description, Active: true, Demo: true);
}
