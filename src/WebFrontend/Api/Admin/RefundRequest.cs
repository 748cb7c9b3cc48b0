namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Body of POST /api/admin/orders/{orderId}/refund: an amount in the store currency (at most the refundable rest) and why.</summary>
public sealed record RefundRequest(decimal? Amount, string? Reason) : IAdminRequest
{
    public IEnumerable<FieldError> Validate()
    {
        if (Amount is not { } amount)
        {
            yield return new FieldError("amount", "'amount' is required.");
        }
        else if (amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            yield return new FieldError("amount", "'amount' must be positive with at most two decimals.");
        }

        foreach (var error in AdminFields.Text("reason", Reason, required: true, maxLength: 500))
        {
            yield return error;
        }
    }
}
