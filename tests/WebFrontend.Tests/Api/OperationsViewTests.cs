using PacificEdge.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>The operations view: Orleans' dashboard for admins only, silos from the management grain, the books per SKU.</summary>
public sealed class OperationsViewTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Theory]
    [InlineData("/orleans-dashboard/")]
    [InlineData("/orleans-dashboard/index.html")]
    [InlineData("/orleans-dashboard/DashboardCounters")]
    public async Task The_Orleans_dashboard_refuses_anonymous_and_customer_requests_and_serves_admins(string path)
    {
        var anonymous = store.App.NewClient();
        var (customer, _) = await store.App.NewCustomerAsync("peeker");
        var admin = await store.App.SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_lists_this_silo_as_active_with_its_activations_from_the_management_grain()
    {
        var admin = await store.App.SignedInAdminAsync();
        var (shopper, _) = await store.App.NewCustomerAsync("activator");
        await Shopper.BuyAsync(shopper); // activates carts, orders, inventory and a wallet

        var snapshot = await admin.GetFromJsonAsync<JsonElement>("/api/admin/dashboard");

        var silo = Assert.Single(snapshot.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("activations").GetInt64() > 0);
        Assert.True(snapshot.GetProperty("activations").GetInt64() > 0);
    }

    [Fact]
    public async Task Admins_see_every_skus_on_hand_reserved_and_sold_units_and_they_add_up()
    {
        var admin = await store.App.SignedInAdminAsync();
        var (shopper, _) = await store.App.NewCustomerAsync("stocktaker");
        var before = await StockAsync(admin);
        var (orderId, _) = await Shopper.BuyAsync(shopper);

        var order = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{orderId}"),
            o => o.GetProperty("payment").GetString() == "Paid",
            "the order to be paid");
        var sku = order.GetProperty("lines")[0].GetProperty("sku").GetString()!;
        var quantity = order.GetProperty("lines")[0].GetProperty("quantity").GetInt32();
        var after = await Eventually.WaitAsync(() => StockAsync(admin), rows => rows[sku].Sold == before[sku].Sold + quantity, "the sale to be committed");

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal(before[sku].OnHand + before[sku].Sold, after[sku].OnHand + after[sku].Sold);
        Assert.All(after.Values, row => Assert.True(row.Available >= 0 && row.Available == row.OnHand - row.Reserved));
        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.GetAsync("/api/admin/stock")).StatusCode);
    }

    private static async Task<Dictionary<string, Row>> StockAsync(HttpClient admin)
        => (await admin.GetFromJsonAsync<List<Row>>("/api/admin/stock"))!.ToDictionary(r => r.Sku);

    private sealed record Row(string Sku, string Name, bool Active, int OnHand, int Reserved, int Available, int Sold);
}
