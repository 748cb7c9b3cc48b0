using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Query-string checks shared by the admin lists.</summary>
public static class AdminPaging
{
    public static string? Status(string? value, params string[] allowed)
        => value is null || allowed.Contains(value) ? value : throw new ValidationException($"status must be one of: {string.Join(", ", allowed)}.");

    public static int Limit(int? limit) => limit is null ? 50 : limit is >= 1 and <= 500 ? limit.Value : throw new ValidationException("limit must be between 1 and 500.");

    /// <summary>A trimmed search text of at most 100 characters, or null for none.</summary>
    public static string? Search(string? q)
        => string.IsNullOrWhiteSpace(q) ? null : q.Trim().Length <= 100 ? q.Trim() : throw new ValidationException("q must be at most 100 characters.");
}
