namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// A running store and one signed-in admin client for a whole test class: signing in for every test would run into
/// the login rate limit.
/// </summary>
public sealed class AdminStoreFixture : IAsyncLifetime
{
    private readonly StoreFixture _store = new();

    public StoreApp App => _store.App;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        Admin = await App.SignedInAdminAsync();
    }

    public Task DisposeAsync() => _store.DisposeAsync();
}
