using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Security;

/// <summary>Staff sign in with an authenticator app (each code once, recovery codes as a fallback); the admin area has an address allow-list.</summary>
public sealed class StaffSecurityTests(StaffSecurityFixture fixture) : IClassFixture<StaffSecurityFixture>
{
    private int _nextDesk = 10;

    /// <summary>A client at its own desk in the office network (sign-in attempts are limited per account and address).</summary>
    private HttpClient OfficeClient() => fixture.ClientFrom($"198.51.100.{Interlocked.Increment(ref _nextDesk)}");

    [Fact]
    public async Task An_admin_enrols_an_authenticator_then_each_code_and_each_recovery_code_signs_in_once()
    {
        // Before enrolling: signed in, but staff features stay closed.
        var admin = OfficeClient();
        var first = await LoginAsync(admin);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<StoreApp.Me>())!.MustEnrolTwoFactor);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/admin/orders")).StatusCode);

        var setup = await (await admin.PostAsync("/api/auth/totp/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = setup.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("provisioningUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("<svg", setup.GetProperty("qrCodeSvg").GetString(), StringComparison.Ordinal);
        var enabled = await admin.PostAsJsonAsync("/api/auth/totp/enable", new { code = TotpCodes.At(secret, DateTimeOffset.UtcNow) });
        enabled.EnsureSuccessStatusCode();
        var recoveryCodes = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // A code (the next 30 s step's: the enrolment used this step's) signs in, and opens the admin area.
        var code = TotpCodes.At(secret, DateTimeOffset.UtcNow.AddSeconds(30));
        var withoutCode = await LoginAsync(OfficeClient());
        var phone = OfficeClient();
        var withCode = await LoginAsync(phone, totpCode: code);
        var replayed = await LoginAsync(OfficeClient(), totpCode: code);

        Assert.Equal("totp_required", (await withoutCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.True((await withCode.Content.ReadFromJsonAsync<StoreApp.Me>())!.TwoFactorSignedIn);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/admin/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("totp_required", (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // A recovery code works in place of a code, once.
        var recovered = OfficeClient();
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(recovered, recoveryCode: recoveryCodes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recovered.GetAsync("/api/admin/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(OfficeClient(), recoveryCode: recoveryCodes[0])).StatusCode);
        // Recovery codes are accepted in the code field too (the admin page has one field).
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(OfficeClient(), totpCode: recoveryCodes[1])).StatusCode);
    }

    [Fact]
    public async Task A_customer_can_turn_two_factor_sign_in_off_with_the_password_and_the_old_key_stops_working()
    {
        var email = $"phone-lost-{Guid.NewGuid():N}@example.test";
        var client = OfficeClient();
        await fixture.App.RegisterAsync(client, email, "a-long-enough-password");
        var secret = (await (await client.PostAsync("/api/auth/totp/setup", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        (await client.PostAsJsonAsync("/api/auth/totp/enable", new { code = TotpCodes.At(secret, DateTimeOffset.UtcNow) })).EnsureSuccessStatusCode();

        var wrong = await client.PostAsJsonAsync("/api/auth/totp/disable", new { password = "not-my-password" });
        var disabled = await client.PostAsJsonAsync("/api/auth/totp/disable", new { password = "a-long-enough-password" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        var me = await client.GetFromJsonAsync<StoreApp.Me>("/api/auth/me");
        Assert.False(me!.TotpEnabled);
        var signIn = await OfficeClient().PostAsJsonAsync("/api/auth/login", new { email, password = "a-long-enough-password" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.False((await signIn.Content.ReadFromJsonAsync<StoreApp.Me>())!.TotpEnabled);
    }

    [Fact]
    public async Task A_password_reset_link_is_emailed_through_the_silo_and_works()
    {
        var email = $"reset-mail-{Guid.NewGuid():N}@example.test";
        await fixture.App.RegisterAsync(OfficeClient(), email, "a-long-enough-password");

        Assert.Equal(HttpStatusCode.Accepted, (await OfficeClient().PostAsJsonAsync("/api/auth/password-reset", new { email })).StatusCode);

        var body = await PacificEdge.Testing.Eventually.WaitAsync(() => ResetEmailAsync(email), b => b is not null, "the reset email in the email log");
        var token = System.Text.RegularExpressions.Regex.Match(body!, "/set-password\\.html#token=([A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Equal(HttpStatusCode.OK, (await OfficeClient().PostAsJsonAsync("/api/auth/set-password", new { token, password = "a-brand-new-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OfficeClient().PostAsJsonAsync("/api/auth/login", new { email, password = "a-brand-new-password" })).StatusCode);
    }

    private async Task<string?> ResetEmailAsync(string email)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT text_body FROM email_log WHERE kind = 'PasswordReset' AND recipient = $1");
        command.Parameters.AddWithValue(email);
        return await command.ExecuteScalarAsync() as string;
    }

    [Fact]
    public async Task The_admin_area_answers_only_allowed_addresses_as_reported_by_the_trusted_proxy()
    {
        var direct = fixture.App.NewClient(); // 127.0.0.1, the proxy itself, not on the list
        var elsewhere = fixture.ClientFrom("203.0.113.5");
        var office = fixture.ClientFrom("198.51.100.200");

        await AssertRefusedAsync(await direct.GetAsync("/api/admin/orders"));
        await AssertRefusedAsync(await elsewhere.GetAsync("/api/admin/orders"));
        await AssertRefusedAsync(await elsewhere.PostAsync("/hubs/admin/negotiate?negotiateVersion=1", null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await office.GetAsync("/api/admin/orders")).StatusCode); // allowed through, then signed-in check
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/catalog")).StatusCode); // the shop is not restricted
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("address_not_allowed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string? totpCode = null, string? recoveryCode = null)
        => client.PostAsJsonAsync("/api/auth/login", new { email = StoreApp.AdminEmail, password = StoreApp.AdminPassword, totpCode, recoveryCode });
}
