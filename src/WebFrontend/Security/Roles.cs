namespace PacificEdge.WebFrontend.Security;

/// <summary>The three roles and the policies built on them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Customer = "Customer";

    /// <summary>Admins and staff: dashboards, order lists, cancellations.</summary>
    public const string StaffPolicy = "staff";

    /// <summary>Admins only: refunds, points adjustments, catalog changes.</summary>
    public const string AdminPolicy = "admin";

    public static bool IsValid(string role) => role is Admin or Staff or Customer;

    /// <summary>The role for a name in any case (Identity passes them upper-cased), or null.</summary>
    public static string? FromNormalized(string name) => name.ToUpperInvariant() switch
    {
        "ADMIN" => Admin,
        "STAFF" => Staff,
        "CUSTOMER" => Customer,
        _ => null,
    };
}
