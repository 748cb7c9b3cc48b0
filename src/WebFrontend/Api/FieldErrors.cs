using System.Net.Mail;

namespace PacificEdge.WebFrontend.Api;

/// <summary>
/// Collects field-by-field problems with a request body so one answer lists them all
/// (<see cref="RequestValidationException"/>). Shape and length only: business rules stay in the grains.
/// </summary>
public sealed class FieldErrors
{
    public const int MaxEmailLength = 254;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }

        return this;
    }

    public FieldErrors Optional(string field, string? value, int maxLength)
        => value is { Length: var length } && length > maxLength ? Add(field, $"{field} must be at most {maxLength} characters.") : this;

    public FieldErrors Email(string field, string? value)
    {
        var email = value?.Trim();
        return string.IsNullOrEmpty(email) || email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out _)
            ? Add(field, $"{field} must be a valid email address.")
            : this;
    }

    public FieldErrors Range(string field, int value, int min, int max)
        => value < min || value > max ? Add(field, $"{field} must be between {min} and {max}.") : this;

    public FieldErrors CountryCode(string field, string? value)
        => value is { Length: 2 } && value.All(char.IsAsciiLetter) ? this : Add(field, $"{field} must be a two-letter ISO country code.");

    /// <summary>Throws when anything was collected; call once after all checks.</summary>
    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
