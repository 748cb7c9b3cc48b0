namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Body of POST /api/admin/customers/{customerId}/points: a signed, non-zero change with a reason; <c>key</c> makes a retry harmless.</summary>
public sealed record AdjustPointsRequest(int? Points, string? Reason, string? Key) : IAdminRequest
{
    public const int MaxChange = 1_000_000;

    public IEnumerable<FieldError> Validate()
    {
        if (Points is not { } points)
        {
            yield return new FieldError("points", "'points' is required.");
        }
        else if (points == 0 || Math.Abs(points) > MaxChange)
        {
            yield return new FieldError("points", $"'points' must be non-zero and between -{MaxChange} and {MaxChange}.");
        }

        foreach (var error in AdminFields.Text("reason", Reason, required: true, maxLength: 500)
                     .Concat(AdminFields.Text("key", Key, required: false, maxLength: 100)))
        {
            yield return error;
        }
    }
}
