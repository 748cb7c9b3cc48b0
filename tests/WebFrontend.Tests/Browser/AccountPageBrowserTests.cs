using Microsoft.Playwright;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Browser;

/// <summary>The account page in headless Chromium: sign in, enrol an authenticator from the QR page, sign out everywhere.</summary>
public sealed class AccountPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_customer_enrols_an_authenticator_sees_recovery_codes_once_and_signs_out_everywhere()
    {
        var email = $"page-{Guid.NewGuid():N}@example.test";
        await fixture.App.RegisterAsync(fixture.App.NewClient(), email, "a-long-enough-password");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account.html");

        await page.GetByTestId("account-login-form").Locator("input[name=email]").FillAsync(email);
        await page.GetByTestId("account-login-form").Locator("input[name=password]").FillAsync("a-long-enough-password");
        await page.GetByTestId("account-login-form").Locator("button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-email")).ToHaveTextAsync(email);

        await page.GetByTestId("totp-setup").ClickAsync();
        await Assertions.Expect(page.GetByTestId("totp-qr")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/svg\\+xml;base64,"));
        Assert.True(await page.GetByTestId("totp-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code image renders");
        var secret = await page.GetByTestId("totp-secret").InnerTextAsync();
        await page.Locator("#totp-enable input[name=code]").FillAsync(TotpCodes.At(secret, DateTimeOffset.UtcNow));
        await page.Locator("#totp-enable button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);

        await page.GetByTestId("logout-everywhere").ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-login-form")).ToBeVisibleAsync();
        var me = await page.EvaluateAsync<int>("async () => (await fetch('/api/auth/me')).status");
        Assert.Equal(401, me);
    }
}
