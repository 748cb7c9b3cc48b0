using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>Checks <see cref="IEmailLog.ListAsync"/> arguments the same way for every implementation.</summary>
internal static class EmailLogListArguments
{
    public const int MaxLimit = 1000;

    public static EmailStatus? ParseStatus(string? status)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return null;
        }

        return Enum.TryParse<EmailStatus>(status.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            && !status.Trim().All(char.IsAsciiDigit)
            ? parsed
            : throw new ValidationException($"Unknown email status; use one of {string.Join(", ", Enum.GetNames<EmailStatus>())}.");
    }

    public static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ValidationException($"The limit must be between 1 and {MaxLimit}.");
        }
    }
}
