using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Security;

/// <summary>State-changing requests that another origin started are refused, even with a valid cookie.</summary>
public sealed class SameOriginTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    public static TheoryData<string?, string?> OtherOrigins() => new()
    {
        { "same-site", "http://127.0.0.1:1" },  // another port of the same host
        { "cross-site", "https://evil.example" },
        { null, "http://127.0.0.1:1" },         // a browser that sends Origin but not Sec-Fetch-Site
        { null, "null" },                       // a sandboxed frame or a redirect
    };

    [Theory]
    [MemberData(nameof(OtherOrigins))]
    public async Task An_admin_post_from_another_origin_is_refused_with_the_admin_cookie(string? fetchSite, string? origin)
    {
        var admin = await store.App.SignedInAdminAsync();
        var before = await StockAsync(admin);

        var response = await admin.SendAsync(SetStock(before + 7, fetchSite, origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cross_origin_request", problem.GetProperty("code").GetString());
        Assert.Equal(before, await StockAsync(admin));
    }

    [Fact]
    public async Task The_same_origin_and_clients_that_are_not_browsers_are_served()
    {
        var admin = await store.App.SignedInAdminAsync();
        var before = await StockAsync(admin);

        var fromPage = await admin.SendAsync(SetStock(before + 1, "same-origin", store.App.BaseAddress.GetLeftPart(UriPartial.Authority)));
        var fromScript = await admin.SendAsync(SetStock(before + 2, null, null));

        Assert.True(fromPage.IsSuccessStatusCode, $"same origin: {(int)fromPage.StatusCode}");
        Assert.True(fromScript.IsSuccessStatusCode, $"no browser headers: {(int)fromScript.StatusCode}");
        Assert.Equal(before + 2, await StockAsync(admin));
    }

    private const string Sku = "PE-TB500-5MG";

    private static HttpRequestMessage SetStock(int onHand, string? fetchSite, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/products/{Sku}/stock") { Content = JsonContent.Create(new { units = onHand, reason = "origin test" }) };
        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return request;
    }

    private static async Task<int> StockAsync(HttpClient admin)
    {
        var stock = await admin.GetFromJsonAsync<JsonElement>("/api/admin/stock");
        return stock.EnumerateArray().Single(row => row.GetProperty("sku").GetString() == Sku).GetProperty("onHand").GetInt32();
    }
}
