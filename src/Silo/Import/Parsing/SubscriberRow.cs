using PacificEdge.Silo.Import.Files;

namespace PacificEdge.Silo.Import.Parsing;

/// <summary>A line of subscribers.csv. Without a consent date there is no proof of consent, so the row is refused.</summary>
public sealed record SubscriberRow(string Email, DateTimeOffset ConsentAt)
{
    public static Parsed<SubscriberRow> Parse(CsvRow row, DateTimeOffset now)
        => !LegacyValues.TryEmail(row.Get("email"), out var email, out var error)
            || !LegacyValues.TryDate(row.Get("consent_date", "consented_at"), now, out var consentAt, out error)
            ? Parsed<SubscriberRow>.Fail(row, error)
            : Parsed<SubscriberRow>.Ok(row, new SubscriberRow(email, consentAt));
}
