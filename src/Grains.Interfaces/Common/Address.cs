namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>A shipping address.</summary>
public sealed record Address(
    string Name,
    string Line1,
    string City,
    string PostalCode,
    string Country,
    string? Line2 = null,
    string? Region = null)
{
    public void Validate()
    {
        foreach (var (value, field) in new[] { (Name, "name"), (Line1, "line1"), (City, "city"), (PostalCode, "postal code") })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
            {
                throw new ValidationException($"Address {field} is required (at most 200 characters).");
            }
        }

        if (Country is not { Length: 2 } || !Country.All(char.IsAsciiLetterUpper))
        {
            throw new ValidationException("Address country must be a two-letter ISO code in upper case.");
        }
    }
}
