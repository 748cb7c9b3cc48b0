using Microsoft.Playwright;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Browser;

/// <summary>
/// The account page in headless Chromium: create an account through the emailed link; sign in, enrol an authenticator
/// from the QR page, sign out everywhere.
/// </summary>
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

    [Fact]
    public async Task A_shopper_creates_an_account_follows_the_emailed_link_and_is_signed_in_and_the_link_then_says_it_was_used()
    {
        var email = $"new-page-{Guid.NewGuid():N}@example.test";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account.html");

        var register = page.GetByTestId("register-form");
        await register.GetByLabel("Email").FillAsync(email);
        await register.GetByLabel("Password").FillAsync("a-long-enough-password");
        await register.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-message")).ToContainTextAsync("Check your email");

        // The emailed link, opened in a new tab as a mail client would.
        var link = fixture.App.Mail.LastLink(email, NotificationKind.RegistrationConfirmation);
        var tab = await page.Context.NewPageAsync();
        var errors = new List<string>();
        tab.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await tab.GotoAsync(link);
        await Assertions.Expect(tab.GetByTestId("account-email")).ToHaveTextAsync(email);
        await Assertions.Expect(tab.GetByTestId("confirm-message")).ToContainTextAsync("signed in");
        Assert.DoesNotContain("confirm=", tab.Url, StringComparison.Ordinal);
        Assert.Empty(errors);

        var again = await fixture.NewPageAsync();
        await again.GotoAsync(link);
        await Assertions.Expect(again.GetByTestId("confirm-message")).ToContainTextAsync("already used");
        await Assertions.Expect(again.GetByTestId("account-login-form")).ToBeVisibleAsync();
    }
}
