namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Body of POST /api/admin/orders/{orderId}/cancel: why (shown on the order's timeline).</summary>
public sealed record CancelRequest(string? Reason) : IAdminRequest
{
    public IEnumerable<FieldError> Validate() => AdminFields.Text("reason", Reason, required: false, maxLength: 500);
}
