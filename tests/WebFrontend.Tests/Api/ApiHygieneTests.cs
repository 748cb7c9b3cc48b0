using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>Every 4xx is problem+json with a stable code: bodies that do not parse, wrong types, fields, bare statuses; and OpenAPI lists it.</summary>
public sealed class ApiHygieneTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Malformed_json_is_a_400_malformed_json_on_shopper_and_admin_routes_alike()
    {
        var client = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(client);
        var admin = await store.App.SignedInAdminAsync();
        var (orderId, _) = await Shopper.BuyAsync(store.App.NewClient());

        var shopper = await client.PostAsync($"/api/carts/{cartId}/lines", Json("{\"sku\": \"PE-KPV-10MG\", \"quantity\": 1"));
        var staff = await admin.PostAsync($"/api/admin/orders/{orderId}/refund", Json("{amount: 5}"));

        await AssertProblemAsync(shopper, HttpStatusCode.BadRequest, "malformed_json");
        await AssertProblemAsync(staff, HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_validation_failed_naming_the_field()
    {
        var client = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(client, ("PE-KPV-10MG", 1));
        var admin = await store.App.SignedInAdminAsync();

        var quantity = await client.PostAsync($"/api/carts/{cartId}/lines", Json("{\"sku\": \"PE-KPV-10MG\", \"quantity\": \"two\"}"));
        var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout")
        {
            Content = Json("{\"email\": \"a@b.test\", \"shipTo\": {\"name\": \"A\", \"line1\": \"B\", \"city\": \"C\", \"postalCode\": \"D\", \"country\": 44}}"),
        };
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var nested = await client.SendAsync(checkout);
        var stock = await admin.PutAsync("/api/admin/products/PE-KPV-10MG/stock", Json("{\"units\": \"lots\", \"reason\": \"count\"}"));

        Assert.Equal("quantity", (await AssertProblemAsync(quantity, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("field").GetString());
        Assert.Equal("shipTo.country", (await AssertProblemAsync(nested, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("field").GetString());
        Assert.Equal("units", (await AssertProblemAsync(stock, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("field").GetString());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"/api/carts/{cartId}")).GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task A_checkout_body_is_checked_field_by_field_and_every_bad_field_is_named()
    {
        var client = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(client, ("PE-KPV-10MG", 1));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout")
        {
            Content = JsonContent.Create(new { email = "not-an-email", shipTo = new { name = " ", line1 = "1 Way", city = "", postalCode = "N1", country = "GBR" } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));

        var problem = await AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest, "validation_failed");

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["email", "shipTo.city", "shipTo.country", "shipTo.name"], fields);
        Assert.Equal("email", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Shopper_bodies_missing_or_empty_fields_get_a_400_with_the_field()
    {
        var client = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(client, ("PE-KPV-10MG", 1));
        var (orderId, token) = await Shopper.BuyAsync(store.App.NewClient());

        var noSku = await client.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { quantity = 1 });
        var zero = await client.PutAsJsonAsync($"/api/carts/{cartId}/lines/PE-KPV-10MG", new { quantity = 0 });
        var noCard = await client.PostAsJsonAsync($"/api/orders/{orderId}/pay?token={token}", new { });
        var noBody = await client.PostAsync($"/api/carts/{cartId}/lines", new StringContent("", Encoding.UTF8, "application/json"));
        var badLink = await client.PostAsJsonAsync($"/api/orders/{orderId}/access-link", new { email = "nobody" });

        Assert.Equal("sku", (await AssertProblemAsync(noSku, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("field").GetString());
        Assert.Equal("quantity", (await AssertProblemAsync(zero, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("field").GetString());
        Assert.Equal("cardToken", (await AssertProblemAsync(noCard, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("field").GetString());
        await AssertProblemAsync(noBody, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("email", (await AssertProblemAsync(badLink, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Bare_statuses_and_unparsable_parameters_carry_a_code_too()
    {
        var client = store.App.NewClient();
        var admin = await store.App.SignedInAdminAsync();

        await AssertProblemAsync(await client.GetAsync("/api/orders"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblemAsync(await client.GetAsync("/api/admin/orders"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblemAsync(await client.PostAsync("/api/carts/x/lines", new StringContent("sku=1", Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var page = await AssertProblemAsync(await admin.GetAsync("/api/admin/orders?page=abc"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("page", page.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_openapi_document_names_every_shopper_operation_and_lists_its_problem_answers()
    {
        var document = await store.App.NewClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var expected = new (string Path, string Method, string Name, string[] Statuses)[]
        {
            ("/api/catalog/", "get", "ListProducts", ["200"]),
            ("/api/catalog/{sku}", "get", "GetProduct", ["200", "404"]),
            ("/api/carts/", "post", "CreateCart", ["201"]),
            ("/api/carts/{cartId}", "get", "GetCart", ["200", "404"]),
            ("/api/carts/{cartId}/lines", "post", "AddCartLine", ["200", "400", "404", "409", "413"]),
            ("/api/carts/{cartId}/lines/{sku}", "put", "ChangeCartLine", ["200", "400", "404"]),
            ("/api/carts/{cartId}/lines/{sku}", "delete", "RemoveCartLine", ["200", "404"]),
            ("/api/carts/{cartId}/checkout", "post", "CheckoutCart", ["201", "400", "404", "409", "422", "429"]),
            ("/api/orders/", "get", "MyOrders", ["200", "400", "401"]),
            ("/api/orders/{orderId}", "get", "GetOrder", ["200", "404"]),
            ("/api/orders/{orderId}/pay", "post", "PayOrder", ["202", "400", "402", "404", "409"]),
            ("/api/orders/{orderId}/access-link", "post", "RequestOrderAccessLink", ["202", "400", "429"]),
            ("/api/newsletter/subscribe", "post", "SubscribeToNewsletter", ["200", "400"]),
            ("/api/newsletter/unsubscribe", "post", "UnsubscribeFromNewsletter", ["200", "400"]),
        };

        foreach (var (path, method, name, statuses) in expected)
        {
            // A group's "/" route may be listed with or without its trailing slash.
            var item = paths.EnumerateObject().FirstOrDefault(p => p.Name.TrimEnd('/') == path.TrimEnd('/')).Value;
            Assert.True(item.ValueKind == JsonValueKind.Object, $"{path} is documented");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is documented");
            Assert.Equal(name, operation.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{name} has a summary");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            Assert.All(statuses, status => Assert.True(responses.Contains(status), $"{name} documents {status} (has {string.Join(", ", responses)})"));
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return problem;
    }
}
