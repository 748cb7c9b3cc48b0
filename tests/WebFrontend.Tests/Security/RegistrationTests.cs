using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.WebFrontend.Security;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Security;

/// <summary>
/// Registration confirmed by email (issue 14): the answer is the same whether the address has an account or not; the
/// emailed link creates the account once; existing and imported accounts get the email that fits them instead.
/// </summary>
public sealed class RegistrationTests(AccountSecurityFixture fixture) : IClassFixture<AccountSecurityFixture>
{
    private const string Password = "a-long-enough-password";

    private StoreApp App => fixture.App;

    [Fact]
    public async Task New_and_existing_emails_get_the_same_answer_and_only_the_new_one_gets_a_link_that_creates_the_account_once()
    {
        var existing = NewEmail("existing");
        await App.RegisterAsync(fixture.NewClientFromOwnAddress(), existing, Password);
        var fresh = NewEmail("fresh");
        var client = fixture.NewClientFromOwnAddress();

        var again = await client.PostAsJsonAsync("/api/auth/register", new { email = existing, password = "another-long-password" });
        var first = await client.PostAsJsonAsync("/api/auth/register", new { email = fresh, password = Password });

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.StartsWith("Check your email", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);

        // The existing account is told, and keeps its password.
        Assert.EndsWith("/account.html", App.Mail.LastLink(existing, NotificationKind.AlreadyRegistered), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(existing, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(existing, "another-long-password")).StatusCode);

        // No account until the link comes back; then one, signed in, with the address confirmed.
        Assert.Null(await App.WithUsersAsync(users => users.FindByEmailAsync(fresh)));
        var token = App.Mail.RegistrationToken(fresh);
        var browser = fixture.NewClientFromOwnAddress();
        var confirmed = await ConfirmAsync(browser, token);
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(fresh, (await confirmed.Content.ReadFromJsonAsync<StoreApp.Me>())!.Email);
        Assert.Equal(fresh, (await browser.GetFromJsonAsync<StoreApp.Me>("/api/auth/me"))!.Email);
        Assert.True((await App.WithUsersAsync(users => users.FindByEmailAsync(fresh)))!.EmailConfirmed);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(fresh, Password)).StatusCode);

        var reused = await ConfirmAsync(fixture.NewClientFromOwnAddress(), token);
        await AssertProblemAsync(reused, HttpStatusCode.BadRequest, "invalid_token", "already used");
    }

    [Fact]
    public async Task Only_hashes_are_stored_for_a_pending_registration()
    {
        var email = NewEmail("stored");

        Assert.Equal(HttpStatusCode.Accepted, (await fixture.NewClientFromOwnAddress().PostAsJsonAsync("/api/auth/register", new { email, password = Password })).StatusCode);

        var token = App.Mail.RegistrationToken(email);
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT token_hash, password_hash FROM pending_registrations WHERE normalized_email = $1");
        command.Parameters.AddWithValue(email);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.NotEqual(token, reader.GetString(0));
        Assert.DoesNotContain(Password, reader.GetString(1), StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<UserAccount>().VerifyHashedPassword(new UserAccount(), reader.GetString(1), Password));
    }

    [Fact]
    public async Task An_unknown_or_expired_link_is_refused_plainly()
    {
        var email = NewEmail("late");
        var hash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), Password);
        // Issued with no lifetime left: expired as soon as it exists.
        var expired = await App.Services.GetRequiredService<PendingRegistrations>().AddAsync(email, hash, TimeSpan.Zero, default);

        await AssertProblemAsync(await ConfirmAsync(fixture.NewClientFromOwnAddress(), expired), HttpStatusCode.BadRequest, "invalid_token", "expired");
        await AssertProblemAsync(await ConfirmAsync(fixture.NewClientFromOwnAddress(), "not-a-real-token"), HttpStatusCode.BadRequest, "invalid_token", "not valid");
        Assert.Null(await App.WithUsersAsync(users => users.FindByEmailAsync(email)));
    }

    [Fact]
    public async Task An_imported_customer_without_a_password_gets_a_set_password_link_by_registering()
    {
        var email = NewEmail("imported");
        await App.Services.GetRequiredService<AccountService>().EnsureCustomerWithoutPasswordAsync(email, default);
        var client = fixture.NewClientFromOwnAddress();

        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password });

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        Assert.DoesNotContain(App.Mail.To(email), m => m.Kind == NotificationKind.RegistrationConfirmation);
        var link = App.Mail.LastLink(email, NotificationKind.SetPasswordInvitation);
        var token = link.Split("/set-password.html#token=")[1];
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "my-first-long-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "my-first-long-password")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_weak_password_is_refused_before_anything_is_sent_whether_or_not_the_account_exists(bool exists)
    {
        var email = NewEmail("weak");
        if (exists)
        {
            await App.RegisterAsync(fixture.NewClientFromOwnAddress(), email, Password);
        }

        var sentBefore = App.Mail.To(email).Count;
        var response = await fixture.NewClientFromOwnAddress().PostAsJsonAsync("/api/auth/register", new { email, password = "password1234" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed", "");
        Assert.Equal(sentBefore, App.Mail.To(email).Count);
    }

    [Fact]
    public async Task Of_two_pending_registrations_the_first_confirmed_wins_and_the_other_link_says_the_account_exists()
    {
        var email = NewEmail("twice");
        var client = fixture.NewClientFromOwnAddress();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/register", new { email, password = "first-long-password" })).StatusCode);
        var firstToken = App.Mail.RegistrationToken(email);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/register", new { email, password = "second-long-password" })).StatusCode);
        var secondToken = App.Mail.RegistrationToken(email);
        Assert.NotEqual(firstToken, secondToken);

        Assert.Equal(HttpStatusCode.Created, (await ConfirmAsync(fixture.NewClientFromOwnAddress(), secondToken)).StatusCode);
        var late = await ConfirmAsync(fixture.NewClientFromOwnAddress(), firstToken);
        var lateAgain = await ConfirmAsync(fixture.NewClientFromOwnAddress(), firstToken);

        await AssertProblemAsync(late, HttpStatusCode.Conflict, "conflict", "already has an account");
        await AssertProblemAsync(lateAgain, HttpStatusCode.Conflict, "conflict", "already has an account");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, "second-long-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "first-long-password")).StatusCode);
    }

    [Fact]
    public async Task Registrations_are_rate_limited_per_address()
    {
        var client = fixture.NewClientFromOwnAddress();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AccountSecurityFixture.AccountRequestsPerAddress; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail($"probe-{i}"), password = "weak" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private static string NewEmail(string name) => AccountSecurityFixture.NewEmail(name);

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string token)
        => client.PostAsJsonAsync("/api/auth/confirm-registration", new { token });

    private Task<HttpResponseMessage> LoginAsync(string email, string password)
        => fixture.NewClientFromOwnAddress().PostAsJsonAsync("/api/auth/login", new { email, password });

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
