namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Field rules the admin request bodies share.</summary>
public static class AdminFields
{
    public static IEnumerable<FieldError> Text(string field, string? value, bool required, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? [new FieldError(field, $"'{field}' is required.")] : [];
        }

        return value.Length > maxLength ? [new FieldError(field, $"'{field}' must be at most {maxLength} characters.")] : [];
    }
}
