namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>A shipping address.</summary>
[GenerateSerializer]
[Immutable]
[Alias("pe.common.address")]
public sealed record Address(
    [Id(0)] string Name,
    [Id(1)] string Line1,
    [Id(2)] string City,
    [Id(3)] string PostalCode,
    [Id(4)] string Country,
    [Id(5)] string? Line2 = null,
    [Id(6)] string? Region = null)
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
