namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>An admin request body that checks its own fields once it has been read (see <see cref="AdminBody{T}"/>).</summary>
public interface IAdminRequest
{
    /// <summary>One entry per field that breaks a rule; empty when the body is valid.</summary>
    IEnumerable<FieldError> Validate();
}

/// <summary>A field of a request body (its JSON name) and what is wrong with it.</summary>
public sealed record FieldError(string Field, string Message);
