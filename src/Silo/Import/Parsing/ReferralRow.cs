using PacificEdge.Silo.Import.Files;

namespace PacificEdge.Silo.Import.Parsing;

/// <summary>
/// A line of referrals.csv: who referred whom. Completed means the old shop already paid the bonus (it is in the
/// referrer's balance), so the link is recorded as claimed and no second bonus follows; pending means the referred
/// customer's first paid order here earns the referrer the usual bonus.
/// </summary>
public sealed record ReferralRow(string ReferrerEmail, string ReferredEmail, bool Completed)
{
    public static Parsed<ReferralRow> Parse(CsvRow row)
    {
        if (!LegacyValues.TryEmail(row.Get("referrer_email"), out var referrer, out var error)
            || !LegacyValues.TryEmail(row.Get("referred_email"), out var referred, out error))
        {
            return Parsed<ReferralRow>.Fail(row, error);
        }

        if (referrer == referred)
        {
            return Parsed<ReferralRow>.Fail(row, "a customer cannot refer themselves");
        }

        var status = row.Get("status").ToLowerInvariant();
        bool? completed = status switch
        {
            "completed" or "complete" or "rewarded" or "paid" or "converted" => true,
            "pending" or "open" or "invited" or "signed up" or "signed_up" => false,
            _ => null,
        };
        return completed is { } done
            ? Parsed<ReferralRow>.Ok(row, new ReferralRow(referrer, referred, done))
            : Parsed<ReferralRow>.Fail(row, string.IsNullOrEmpty(status) ? "the status is empty" : $"the status '{LegacyValues.Shorten(status)}' is unknown");
    }
}
