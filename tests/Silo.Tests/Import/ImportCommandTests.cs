using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Silo.Import.Writing;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests.Import;

/// <summary>The import against the real store on PostgreSQL (in-process, so the sandboxed emails can be read).</summary>
public sealed partial class ImportCommandTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Dry_run_writes_nothing_a_real_run_imports_counts_and_points_and_a_rerun_changes_nothing()
    {
        using var export = new OldShopExportGenerator(2000, ImportTestCatalog.Skus, faults: true).Write();
        var db = await database.CreateExtraDatabaseAsync();
        await using var harness = new ImportHarness(db);
        await harness.StartAsync();
        var before = await DatabaseSnapshot.TakeAsync(db);

        var dry = await harness.RunAsync(export.Folder, dryRun: true);

        Assert.Equal(1, dry.ExitCode);
        Assert.Contains("dry run: nothing was written", dry.Output, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(db));
        foreach (var rejection in export.Rejections)
        {
            Assert.Contains($"Rejected {rejection.File}:{rejection.Line}:", dry.Output, StringComparison.Ordinal);
        }

        var first = await harness.RunAsync(export.Folder, dryRun: false);

        Assert.Equal(1, first.ExitCode); // the planted faults are rejected
        Assert.Equal(export.Customers, await DatabaseSnapshot.ScalarAsync(db, "SELECT count(*) FROM users WHERE role = 'Customer' AND password_hash = ''"));
        Assert.Equal(export.Customers, await DatabaseSnapshot.ScalarAsync(db, "SELECT count(*) FROM imported_customers WHERE invited_at IS NOT NULL"));
        Assert.Equal(export.Orders, await DatabaseSnapshot.ScalarAsync(db, "SELECT count(*) FROM imported_orders"));
        Assert.Equal(export.Subscribers, await DatabaseSnapshot.ScalarAsync(db, "SELECT count(*) FROM newsletter_subscribers WHERE subscribed AND consent_at IS NOT NULL"));
        Assert.Equal(export.Customers, await DatabaseSnapshot.ScalarAsync(db, "SELECT count(*) FROM email_log WHERE kind = 'SetPasswordInvitation' AND status = 'Sent'"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Opening balances in wallets after the run: {export.AcceptedPoints:N0} (equal to"), first.Output, StringComparison.Ordinal);
        Assert.Equal(export.AcceptedPoints, await PointsInWalletsAsync(harness, db, export));
        await AssertReferralLinkedAsync(harness, db, referrer: 10, referred: 11);
        // A completed referral was paid by the old shop: the referred customer's first order here pays no second bonus;
        // a pending one still does.
        var grains = harness.App.Services.GetRequiredService<IGrainFactory>();
        Assert.Null(await grains.GetGrain<ICustomerWalletGrain>(await UserIdAsync(db, OldShopExportGenerator.Email(21))).ClaimReferral("ord_first_here"));
        Assert.Equal(await UserIdAsync(db, OldShopExportGenerator.Email(30)),
            await grains.GetGrain<ICustomerWalletGrain>(await UserIdAsync(db, OldShopExportGenerator.Email(31))).ClaimReferral("ord_first_here"));

        var afterFirst = await DatabaseSnapshot.TakeAsync(db);
        Assert.NotEqual(before, afterFirst);
        var emailsAfterFirst = Sandbox(harness).Messages.Count;

        var second = await harness.RunAsync(export.Folder, dryRun: false);

        Assert.Equal(1, second.ExitCode);
        Assert.Equal(afterFirst, await DatabaseSnapshot.TakeAsync(db));
        Assert.Equal(emailsAfterFirst, Sandbox(harness).Messages.Count);
        Assert.Contains("Set-your-password emails sent: 0", second.Output, StringComparison.Ordinal);
        Assert.Equal(export.AcceptedPoints, await PointsInWalletsAsync(harness, db, export));
    }

    [Fact]
    public async Task An_imported_customer_sets_a_first_password_with_the_emailed_link_once_and_sees_the_old_orders()
    {
        using var export = new OldShopExportGenerator(60, ImportTestCatalog.Skus, faults: false).Write();
        var db = await database.CreateExtraDatabaseAsync();
        await using var harness = new ImportHarness(db);
        await harness.StartAsync();
        using var client = harness.App.CreateClient();
        // Customer 3 registered on the new shop before the import: linked to that account, no invitation.
        var registered = OldShopExportGenerator.Email(3);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/register", new { email = registered, password = "registered-before-import" })).StatusCode);
        var confirmToken = await Eventually.WaitAsync(
            () => Task.FromResult(Sandbox(harness).MessagesTo(registered).Select(m => EmailedLinks.RegistrationToken(m.TextBody)).LastOrDefault(t => t is not null)),
            t => t is not null, "the registration email");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/auth/confirm-registration", new { token = confirmToken })).StatusCode);

        var run = await harness.RunAsync(export.Folder, dryRun: false);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("nothing was rejected", run.Output, StringComparison.Ordinal);
        var email = OldShopExportGenerator.Email(12);
        var invitation = Assert.Single(Sandbox(harness).MessagesTo(email));
        Assert.Equal(NotificationKind.SetPasswordInvitation, invitation.Kind);
        var token = SetPasswordLink().Match(invitation.TextBody).Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.DoesNotContain(Sandbox(harness).MessagesTo(registered), m => m.Kind == NotificationKind.SetPasswordInvitation);
        // Only the token's hash is stored.
        Assert.Equal(0, await DatabaseSnapshot.ScalarAsync(db, "SELECT count(*) FROM password_setup_tokens WHERE token_hash = $1", token));
        Assert.Equal(export.Customers - 1, await DatabaseSnapshot.ScalarAsync(db, "SELECT count(*) FROM password_setup_tokens"));
        var registeredPoints = await client.GetFromJsonAsync<JsonElement>("/api/me/points");
        Assert.Equal(export.PointsByEmail[registered], registeredPoints.GetProperty("balance").GetInt32());
        await client.PostAsync("/api/auth/logout", null);
        // No password signs in before one is set.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "anything-long-enough" })).StatusCode);

        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/set-password", new { token = "not-a-real-token", password = "a-new-long-password" }), "invalid_token", "not valid");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "short" }), "validation_failed", "12 to 128");

        var set = await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "a-new-long-password" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "another-long-password" }), "invalid_token", "already used");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "a-new-long-password" })).StatusCode);
        var orders = await client.GetFromJsonAsync<JsonElement>("/api/me/imported-orders");
        var order = Assert.Single(orders.EnumerateArray());
        Assert.Equal("100012", order.GetProperty("orderNumber").GetString());
        Assert.Equal("Refunded", order.GetProperty("status").GetString());
        Assert.Equal(39.95m, order.GetProperty("total").GetDecimal());
        var wallet = await client.GetFromJsonAsync<JsonElement>("/api/me/points");
        Assert.Equal(export.PointsByEmail[email], wallet.GetProperty("balance").GetInt32());
    }

    private static SandboxEmailSender Sandbox(ImportHarness harness) => harness.App.Services.GetRequiredService<SandboxEmailSender>();

    private static async Task<long> PointsInWalletsAsync(ImportHarness harness, string db, OldShopExport export)
    {
        var grains = harness.App.Services.GetRequiredService<IGrainFactory>();
        long total = 0;
        foreach (var (email, points) in export.PointsByEmail)
        {
            var userId = await UserIdAsync(db, email);
            var wallet = await grains.GetGrain<ICustomerWalletGrain>(userId).Get();
            var opening = Assert.Single(wallet.Ledger, e => e.Kind == LedgerEntryKind.OpeningBalance);
            Assert.Equal(points, opening.Points);
            Assert.Equal("opening:" + ImportWriter.OpeningBalanceKey, opening.Key);
            total += opening.Points;
        }

        return total;
    }

    private static async Task AssertReferralLinkedAsync(ImportHarness harness, string db, int referrer, int referred)
    {
        var grains = harness.App.Services.GetRequiredService<IGrainFactory>();
        var wallet = await grains.GetGrain<ICustomerWalletGrain>(await UserIdAsync(db, OldShopExportGenerator.Email(referred))).Get();
        Assert.Equal(await UserIdAsync(db, OldShopExportGenerator.Email(referrer)), wallet.ReferredBy);
    }

    private static async Task<string> UserIdAsync(string db, string email)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT user_id FROM users WHERE email = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = email });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string code, string detailPart)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/set-password\.html#token=([A-Za-z0-9_-]+)")]
    private static partial Regex SetPasswordLink();
}
