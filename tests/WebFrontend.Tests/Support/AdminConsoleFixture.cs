using Microsoft.Playwright;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// One store, one Chromium and one browser context signed in to the admin console as the admin (through the sign-in
/// form, once: the login throttle allows few attempts per account), shared by a test class. Pages record console errors.
/// </summary>
public sealed class AdminConsoleFixture : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();

    public StoreApp App => _browser.App;

    public HttpClient Admin { get; private set; } = null!;

    public IBrowserContext AdminContext { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _browser.InitializeAsync();
        Admin = await App.SignedInAdminAsync();
        AdminContext = await NewContextAsync(1280, 900);
        var page = await AdminContext.NewPageAsync();
        await SignInAsync(page, StoreApp.AdminEmail, StoreApp.AdminPassword);
        await page.CloseAsync();
    }

    public async Task<IBrowserContext> NewContextAsync(int width, int height)
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        // Generous bounds, not timing assertions: CI's two cores may be saturated by other test projects.
        context.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return context;
    }

    /// <summary>A page of the signed-in admin context; console errors and page errors go to <paramref name="errors"/>.</summary>
    public async Task<IPage> NewAdminPageAsync(List<string>? errors = null) => Watch(await AdminContext.NewPageAsync(), errors);

    public static IPage Watch(IPage page, List<string>? errors)
    {
        if (errors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (errors)
                    {
                        errors.Add($"{message.Text} at {message.Location}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (errors)
                {
                    errors.Add(error);
                }
            };
        }

        return page;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/admin.html");
        await page.Locator("input[name=email]").FillAsync(email);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.GetByTestId("login").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
    }

    public async Task DisposeAsync()
    {
        if (AdminContext is not null)
        {
            await AdminContext.CloseAsync();
        }

        await _browser.DisposeAsync();
    }
}
