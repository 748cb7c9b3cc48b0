namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Body of PUT /api/admin/products/{sku}/stock: the units on hand after a count or delivery (required, never defaulted) and why.</summary>
public sealed record SetStockRequest(int? Units, string? Reason) : IAdminRequest
{
    public const int MaxUnits = 1_000_000;

    public IEnumerable<FieldError> Validate()
    {
        if (Units is not { } units)
        {
            yield return new FieldError("units", "'units' is required.");
        }
        else if (units is < 0 or > MaxUnits)
        {
            yield return new FieldError("units", $"'units' must be a whole number from 0 to {MaxUnits}.");
        }

        foreach (var error in AdminFields.Text("reason", Reason, required: false, maxLength: 200))
        {
            yield return error;
        }
    }
}
