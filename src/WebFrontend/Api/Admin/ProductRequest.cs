namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>
/// Body of PUT /api/admin/products/{sku}: the whole product (created when the SKU is new, replaced otherwise). The price
/// is in the store currency; every product names its lot and links that lot's certificate of analysis.
/// </summary>
public sealed record ProductRequest(string? Name, decimal? Price, string? Lot, string? CertificateUrl, string? Description, bool? Active) : IAdminRequest
{
    public const decimal MaxPrice = 100_000m;

    public IEnumerable<FieldError> Validate()
    {
        var errors = AdminFields.Text("name", Name, required: true, maxLength: 200)
            .Concat(AdminFields.Text("lot", Lot, required: true, maxLength: 64))
            .Concat(AdminFields.Text("certificateUrl", CertificateUrl, required: true, maxLength: 500))
            .Concat(AdminFields.Text("description", Description, required: false, maxLength: 2000))
            .ToList();
        if (Price is not { } price)
        {
            errors.Add(new FieldError("price", "'price' is required."));
        }
        else if (price <= 0 || price > MaxPrice || decimal.Round(price, 2) != price)
        {
            errors.Add(new FieldError("price", $"'price' must be above 0 and at most {MaxPrice}, with at most two decimals."));
        }

        if (!string.IsNullOrWhiteSpace(CertificateUrl)
            && !(Uri.TryCreate(CertificateUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            errors.Add(new FieldError("certificateUrl", "'certificateUrl' must be an absolute http(s) link."));
        }

        return errors;
    }
}
