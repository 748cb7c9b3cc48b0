using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Security;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Security;

/// <summary>The penetration test's findings on accounts, each one refused now; sessions that end; password links.</summary>
public sealed class AccountSecurityTests(AccountSecurityFixture fixture) : IClassFixture<AccountSecurityFixture>
{
    private const string Password = "a-long-enough-password";

    private StoreApp App => fixture.App;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_answer_does_not_say_so()
    {
        var email = await RegisterAsync("locked");
        var client = fixture.NewClientFromOwnAddress();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, email, "wrong-password-123")).StatusCode);
        }

        var rightPassword = await LoginAsync(fixture.NewClientFromOwnAddress(), email, Password);
        var unknownAccount = await LoginAsync(fixture.NewClientFromOwnAddress(), AccountSecurityFixture.NewEmail("nobody"), Password);

        Assert.Equal(HttpStatusCode.Unauthorized, rightPassword.StatusCode);
        Assert.True(await App.WithUsersAsync(async users => await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!)));
        var locked = await rightPassword.Content.ReadFromJsonAsync<JsonElement>();
        var unknown = await unknownAccount.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sign_in_failed", locked.GetProperty("code").GetString());
        Assert.Equal(unknown.GetProperty("code").GetString(), locked.GetProperty("code").GetString());
        Assert.Equal(unknown.GetProperty("detail").GetString(), locked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task One_address_cannot_try_a_password_on_many_accounts()
    {
        var client = fixture.NewClientFromOwnAddress();
        for (var i = 0; i < AccountSecurityFixture.FailuresPerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, $"spray-{i}-{Guid.NewGuid():N}@example.test", "Summer-2026-password")).StatusCode);
        }

        var next = await LoginAsync(client, AccountSecurityFixture.NewEmail("spray-next"), "Summer-2026-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.True(int.Parse(next.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Another address is not affected.
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(fixture.NewClientFromOwnAddress(), AccountSecurityFixture.NewEmail("spray-other"), "x-long-password-1")).StatusCode);
    }

    [Theory]
    [InlineData("aaaaaaaaaa")]
    [InlineData("          ")]
    [InlineData("password1234")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public async Task Weak_passwords_are_refused_at_registration(string password)
    {
        var response = await fixture.NewClientFromOwnAddress().PostAsJsonAsync("/api/auth/register", new { email = AccountSecurityFixture.NewEmail("weak"), password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task After_sign_out_the_old_cookie_no_longer_opens_the_admin_api()
    {
        var admin = await App.SignedInAdminAsync();
        var cookie = App.CookieHeader(admin);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(cookie, "/api/admin/orders")).StatusCode);

        (await admin.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();

        await Eventually.WaitAsync(() => WithCookieAsync(cookie, "/api/admin/orders"), r => r.StatusCode == HttpStatusCode.Unauthorized,
            "the copied cookie to stop working", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_demoted_staff_member_loses_staff_access_and_their_live_hub_connection()
    {
        var email = AccountSecurityFixture.NewEmail("staff");
        var staff = await App.Services.GetRequiredService<AccountService>().RegisterAsync(email, Password, Roles.Staff, default);
        var client = App.NewClient();
        (await LoginAsync(client, email, Password)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/orders")).StatusCode);
        await using var hub = HubClient.Start(new Uri(App.BaseAddress, "/hubs/admin"), App.CookieHeader(client));
        await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "connected", "the staff hub connection");

        await App.Services.GetRequiredService<AccountService>().ChangeRoleAsync(staff.UserId, Roles.Customer, default);

        await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "closed", "the hub connection to be closed", TimeSpan.FromSeconds(60));
        await Eventually.WaitAsync(() => client.GetAsync("/api/admin/orders"), r => r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            "the demoted account's cookie to lose staff access", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions_including_a_live_hub_connection()
    {
        var admin = await App.SignedInAdminAsync();
        var laptop = await App.SignedInAdminAsync();
        await using var hub = HubClient.Start(new Uri(App.BaseAddress, "/hubs/admin"), App.CookieHeader(laptop));
        await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "message", "counters on the live connection");

        (await admin.PostAsync("/api/auth/logout-everywhere", null)).EnsureSuccessStatusCode();

        await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "closed", "the hub connection to be closed", TimeSpan.FromSeconds(60));
        await Eventually.WaitAsync(() => laptop.GetAsync("/api/auth/me"), r => r.StatusCode == HttpStatusCode.Unauthorized,
            "the other session to end", TimeSpan.FromSeconds(60));
        // The admin can sign in again.
        Assert.Equal(HttpStatusCode.OK, (await (await App.SignedInAdminAsync()).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_keeps_this_session_and_ends_the_others()
    {
        var email = await RegisterAsync("changer");
        var phone = App.NewClient();
        var laptop = App.NewClient();
        (await LoginAsync(phone, email, Password)).EnsureSuccessStatusCode();
        (await LoginAsync(laptop, email, Password)).EnsureSuccessStatusCode();

        var wrongCurrent = await phone.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "not-my-password", newPassword = "a-new-long-password" });
        var weak = await phone.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = Password, newPassword = "password1234" });
        var changed = await phone.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = Password, newPassword = "a-new-long-password" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await Eventually.WaitAsync(() => laptop.GetAsync("/api/auth/me"), r => r.StatusCode == HttpStatusCode.Unauthorized,
            "the other session to end", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(App.NewClient(), email, "a-new-long-password")).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_unknown_emails_get_the_same_answer()
    {
        var email = await RegisterAsync("forgetful");
        var client = fixture.NewClientFromOwnAddress();

        var known = await client.PostAsJsonAsync("/api/auth/password-reset", new { email });
        var unknown = await client.PostAsJsonAsync("/api/auth/password-reset", new { email = AccountSecurityFixture.NewEmail("nobody") });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        var token = App.Mail.LastLink(email, NotificationKind.PasswordReset).Split("#token=")[1];
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "password1234" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "a-fresh-long-password" })).StatusCode);
        var reused = await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "yet-another-password" });
        Assert.Equal("invalid_token", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(App.NewClient(), email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(App.NewClient(), email, "a-fresh-long-password")).StatusCode);
    }

    [Fact]
    public async Task An_imported_customer_sets_a_first_password_through_identity()
    {
        var email = AccountSecurityFixture.NewEmail("imported");
        var (account, created) = await App.Services.GetRequiredService<AccountService>().EnsureCustomerWithoutPasswordAsync(email, default);
        var token = await App.Services.GetRequiredService<PasswordSetupTokens>().IssueAsync(account.UserId, TimeSpan.FromHours(1), default);
        var client = App.NewClient();

        Assert.True(created);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(App.NewClient(), email, "")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "aaaaaaaaaa" })).StatusCode);
        var set = await client.PostAsJsonAsync("/api/auth/set-password", new { token, password = "my-first-long-password" });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode); // signed in
        Assert.True(await App.WithUsersAsync(async users => await users.HasPasswordAsync((await users.FindByEmailAsync(email))!)));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(App.NewClient(), email, "my-first-long-password")).StatusCode);
    }

    [Fact]
    public async Task Accounts_as_the_old_store_wrote_them_sign_in_with_their_password_and_authenticator()
    {
        // A row as the pre-Identity UserStore inserted it (also what a pod of that version writes during a rolling
        // upgrade): Identity v3 hash from the plain PasswordHasher, base32 TOTP secret, none of the new columns.
        var email = AccountSecurityFixture.NewEmail("old-staff");
        var secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO users (user_id, email, password_hash, role, totp_secret, totp_enabled) VALUES ($1, $2, $3, 'Staff', $4, true)"))
        {
            insert.Parameters.AddWithValue("usr_" + Guid.NewGuid().ToString("N")[..20]);
            insert.Parameters.AddWithValue(email);
            insert.Parameters.AddWithValue(hash);
            insert.Parameters.AddWithValue(secret);
            await insert.ExecuteNonQueryAsync();
        }

        var client = fixture.NewClientFromOwnAddress();
        var withoutCode = await LoginAsync(client, email, Password);
        var withCode = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password, totpCode = TotpCodes.At(secret, DateTimeOffset.UtcNow) });

        Assert.Equal("totp_required", (await withoutCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/orders")).StatusCode);
    }

    private async Task<string> RegisterAsync(string name)
    {
        var email = AccountSecurityFixture.NewEmail(name);
        await App.RegisterAsync(fixture.NewClientFromOwnAddress(), email, Password);
        return email;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password)
        => client.PostAsJsonAsync("/api/auth/login", new { email, password });

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
