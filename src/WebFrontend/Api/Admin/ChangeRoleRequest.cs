using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Body of PUT /api/admin/customers/{customerId}/role: the account's new role (Admin, Staff or Customer).</summary>
public sealed record ChangeRoleRequest(string? Role) : IAdminRequest
{
    public IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Role))
        {
            yield return new FieldError("role", "'role' is required.");
        }
        else if (!Roles.IsValid(Role))
        {
            yield return new FieldError("role", $"'role' must be {Roles.Admin}, {Roles.Staff} or {Roles.Customer}.");
        }
    }
}
