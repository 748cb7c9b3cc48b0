using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Newsletter;
using PacificEdge.Silo.Import.Parsing;
using PacificEdge.Silo.Import.Planning;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.Silo.Import.Writing;

/// <summary>
/// Writes a plan, idempotently: accounts by email, the import's rows keyed by the old shop's keys, one keyed
/// opening-balance ledger entry per wallet, referrals through the wallet's own once-only rule, subscribers never
/// overwriting a row. A re-run therefore changes nothing and counts everything as unchanged.
/// </summary>
public sealed partial class ImportWriter(
    AccountService accounts,
    PasswordSetupTokens tokens,
    INotificationService notifications,
    IGrainFactory grains,
    NewsletterSubscribers subscribers,
    ImportedDataStore store,
    IOptions<ImportOptions> options,
    IOptions<CommerceOptions> commerce,
    TimeProvider time,
    ILogger<ImportWriter> logger)
{
    /// <summary>The key of the opening-balance entry in each wallet (the wallet prefixes it with <c>opening:</c>).</summary>
    public const string OpeningBalanceKey = "old-shop";

    /// <summary>What a completed old-shop referral claims, so the referred customer's first order here pays no second bonus.</summary>
    public const string ReferralClaim = "old-shop-referral";

    public const string CustomersStep = "Customers";
    public const string OrdersStep = "Orders";
    public const string BalancesStep = "Loyalty balances";
    public const string ReferralsStep = "Referrals";
    public const string SubscribersStep = "Subscribers";

    public async Task<ImportOutcome> WriteAsync(ImportPlan plan, IImportProgress progress, CancellationToken cancellationToken)
    {
        var outcome = new ImportOutcome();
        var customerIds = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await EachAsync(CustomersStep, plan.Customers, progress, outcome, (c, ct) => WriteCustomerAsync(c, customerIds, outcome, ct), cancellationToken);
        await EachAsync(OrdersStep, plan.Orders, progress, outcome, (o, ct) => WriteOrderAsync(o, customerIds, outcome, ct), cancellationToken);
        await EachAsync(BalancesStep, plan.Balances, progress, outcome, (b, ct) => WriteBalanceAsync(b, customerIds, outcome), cancellationToken);
        await EachAsync(ReferralsStep, plan.Referrals, progress, outcome, (r, ct) => WriteReferralAsync(r, customerIds, outcome), cancellationToken);
        await EachAsync(SubscribersStep, plan.Subscribers, progress, outcome, async (s, ct) =>
        {
            var added = await subscribers.ImportAsync(s.Value.Email, s.Value.ConsentAt, ct);
            Count(outcome.Subscribers, added);
        }, cancellationToken);
        LogWritten(outcome.Customers.Imported, outcome.Orders.Imported, outcome.Balances.Imported, outcome.Referrals.Imported, outcome.Subscribers.Imported, outcome.Rejected.Count);
        return outcome;
    }

    private async Task WriteCustomerAsync(Planned<CustomerRow> planned, ConcurrentDictionary<string, string> ids, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        var customer = planned.Value;
        var (account, _) = await accounts.EnsureCustomerWithoutPasswordAsync(customer.Email, cancellationToken);
        if (account.Role != Roles.Customer)
        {
            outcome.Rejected.Add(new RejectedRow(planned.File, planned.Line, $"{customer.Email} belongs to a {account.Role} account here, not a customer"));
            return;
        }

        ids[customer.Email] = account.UserId;
        Count(outcome.Customers, await store.AddCustomerAsync(customer, account.UserId, cancellationToken));

        // Only accounts that still have no password get the email, once (an address that registered here already has one).
        if (account.PasswordHash == AccountService.NoPassword && await store.IsInvitedAsync(customer.Email, cancellationToken) == false)
        {
            await InviteAsync(customer, account.UserId, cancellationToken);
            await store.MarkInvitedAsync(customer.Email, time.GetUtcNow(), cancellationToken);
            outcome.Invitations.CountImported();
        }
    }

    private async Task InviteAsync(CustomerRow customer, string userId, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.SetPasswordLinkLifetime;
        var token = await tokens.IssueAsync(userId, lifetime, cancellationToken);
        var link = $"{commerce.Value.PublicBaseUrl.TrimEnd('/')}/set-password.html#token={token}";
        var model = new Dictionary<string, string>
        {
            [EmailModelKeys.SetPasswordUrl] = link,
            [EmailModelKeys.LinkExpiresAt] = (time.GetUtcNow() + lifetime).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            [EmailModelKeys.CustomerName] = customer.FirstName,
        };

        // A fresh key per token: if a run dies between sending and recording it, the next run sends a new working link.
        var key = $"import:set-password:{userId}:{Guid.NewGuid():N}";
        await notifications.SendAsync(new Notification(key, NotificationKind.SetPasswordInvitation, customer.Email, model), cancellationToken);
    }

    private async Task WriteOrderAsync(Planned<HistoricOrder> planned, ConcurrentDictionary<string, string> ids, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        if (CustomerId(planned, planned.Value.Email, ids, outcome) is { } customerId)
        {
            Count(outcome.Orders, await store.AddOrderAsync(planned.Value, customerId, cancellationToken));
        }
    }

    private async Task WriteBalanceAsync(Planned<BalanceRow> planned, ConcurrentDictionary<string, string> ids, ImportOutcome outcome)
    {
        if (CustomerId(planned, planned.Value.Email, ids, outcome) is not { } customerId)
        {
            return;
        }

        var wallet = grains.GetGrain<ICustomerWalletGrain>(customerId);
        var before = OpeningEntry(await wallet.Get());
        if (before is not null && before.Points != planned.Value.Points)
        {
            outcome.Rejected.Add(new RejectedRow(planned.File, planned.Line,
                $"the wallet of {planned.Value.Email} already holds an opening balance of {before.Points} points from an earlier run, not {planned.Value.Points}"));
            return;
        }

        var after = before ?? OpeningEntry(await wallet.ImportOpeningBalance(OpeningBalanceKey, planned.Value.Points, time.GetUtcNow()));
        Count(outcome.Balances, before is null);
        outcome.AddPointsInWallet(after?.Points ?? 0);
    }

    private async Task WriteReferralAsync(Planned<ReferralRow> planned, ConcurrentDictionary<string, string> ids, ImportOutcome outcome)
    {
        if (CustomerId(planned, planned.Value.ReferrerEmail, ids, outcome) is not { } referrerId
            || CustomerId(planned, planned.Value.ReferredEmail, ids, outcome) is not { } referredId)
        {
            return;
        }

        var wallet = grains.GetGrain<ICustomerWalletGrain>(referredId);
        var before = await wallet.Get();
        if (before.ReferredBy is { } existing && existing != referrerId)
        {
            outcome.Rejected.Add(new RejectedRow(planned.File, planned.Line, $"{planned.Value.ReferredEmail} is already referred by another customer here"));
            return;
        }

        await wallet.SetReferrer(referrerId);
        if (planned.Value.Completed)
        {
            await wallet.ClaimReferral(ReferralClaim);
        }

        Count(outcome.Referrals, before.ReferredBy is null);
    }

    private static string? CustomerId<T>(Planned<T> planned, string email, ConcurrentDictionary<string, string> ids, ImportOutcome outcome)
    {
        if (ids.TryGetValue(email, out var id))
        {
            return id;
        }

        // Its customer row was refused while writing (e.g. a staff account), so nothing can hang off it.
        outcome.Rejected.Add(new RejectedRow(planned.File, planned.Line, $"the customer {email} was not imported"));
        return null;
    }

    private static LedgerEntry? OpeningEntry(WalletView wallet)
        => wallet.Ledger.FirstOrDefault(e => e.Kind == LedgerEntryKind.OpeningBalance && e.Key == "opening:" + OpeningBalanceKey);

    private static void Count(EntityCounts counts, bool imported)
    {
        if (imported)
        {
            counts.CountImported();
        }
        else
        {
            counts.CountUnchanged();
        }
    }

    private async Task EachAsync<T>(
        string step, IReadOnlyList<Planned<T>> items, IImportProgress progress, ImportOutcome outcome, Func<Planned<T>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        progress.Start(step, items.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, parallel, async (item, ct) =>
        {
            try
            {
                await write(item, ct);
            }
            catch (CommerceException ex)
            {
                // A domain rule said no to this row (e.g. the wallet refused it): report it, go on with the others.
                outcome.Rejected.Add(new RejectedRow(item.File, item.Line, ex.Message));
            }

            progress.Advance(step);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import wrote {Customers} customers, {Orders} orders, {Balances} balances, {Referrals} referrals, {Subscribers} subscribers; {Rejected} rows refused while writing")]
    private partial void LogWritten(int customers, int orders, int balances, int referrals, int subscribers, int rejected);
}
