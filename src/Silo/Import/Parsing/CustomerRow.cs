using PacificEdge.Silo.Import.Files;

namespace PacificEdge.Silo.Import.Parsing;

/// <summary>A line of customers.csv. Only the email is required; names, phone and address are kept as given.</summary>
public sealed record CustomerRow(
    string Email, string FirstName, string LastName, string Phone,
    string Address1, string Address2, string City, string Region, string PostalCode, string Country)
{
    public const int MaxFieldLength = 200;

    public static Parsed<CustomerRow> Parse(CsvRow row)
    {
        if (!LegacyValues.TryEmail(row.Get("email", "email_address"), out var email, out var error))
        {
            return Parsed<CustomerRow>.Fail(row, error);
        }

        string[] fields =
        [
            row.Get("first_name", "firstname"), row.Get("last_name", "lastname", "surname"), row.Get("phone", "phone_number"),
            row.Get("address1", "address_1", "address_line_1", "street"), row.Get("address2", "address_2", "address_line_2"),
            row.Get("city", "town"), row.Get("region", "state", "province"), row.Get("postal_code", "zip", "postcode", "zip_code"),
            row.Get("country", "country_code"),
        ];
        if (fields.Any(f => f.Length > MaxFieldLength))
        {
            return Parsed<CustomerRow>.Fail(row, $"a name or address field is longer than {MaxFieldLength} characters");
        }

        // Quoted newlines inside an address field become spaces: one line per field here.
        var clean = fields.Select(f => f.ReplaceLineEndings(" ")).ToArray();
        return Parsed<CustomerRow>.Ok(row, new CustomerRow(email, clean[0], clean[1], clean[2], clean[3], clean[4], clean[5], clean[6], clean[7], clean[8]));
    }
}
