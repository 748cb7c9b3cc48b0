using Microsoft.Playwright;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// Headless Debian Chromium driven by Playwright (ExecutablePath: Playwright cannot download its own
/// browsers here), plus a running store.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly StoreFixture _store = new();
    private IPlaywright? _playwright;

    public StoreApp App => _store.App;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, without the background traffic this closed network refuses.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString() });
        // Generous bounds, not timing assertions: CI's two cores may be saturated by other test projects.
        context.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _store.DisposeAsync();
    }
}
