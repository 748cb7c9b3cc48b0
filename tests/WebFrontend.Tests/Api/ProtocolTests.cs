using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>Problem details, correlation ids, security headers, OpenAPI, body limits, rate limits.</summary>
public sealed class ProtocolTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Errors_are_problem_details_with_a_code_and_the_correlation_id_and_no_internals()
    {
        var client = store.App.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/NOPE-1");
        request.Headers.Add("X-Correlation-Id", "test-correlation-42");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("test-correlation-42", response.Headers.GetValues("X-Correlation-Id").Single());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unknown_sku", problem.GetProperty("code").GetString());
        Assert.Equal("test-correlation-42", problem.GetProperty("correlationId").GetString());
        var text = problem.ToString();
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
    }

    [Theory]
    [InlineData("/api/orders?page=2147483647&pageSize=100")]
    [InlineData("/api/admin/orders?page=2147483647&pageSize=100")]
    [InlineData("/api/admin/orders?page=0")]
    [InlineData("/api/admin/orders?pageSize=101")]
    public async Task Paging_out_of_bounds_is_a_400_with_a_code_never_a_500(string path)
    {
        var admin = await store.App.SignedInAdminAsync(); // an admin is also a signed-in user for /api/orders

        var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Every_response_carries_a_correlation_id_and_the_security_headers()
    {
        var response = await store.App.NewClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("Pacific Edge", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var document = await store.App.NewClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/carts/{cartId}/checkout", out _));
        Assert.True(paths.TryGetProperty("/api/admin/orders", out _));
        Assert.True(paths.TryGetProperty("/webhooks/payments", out _));
    }

    [Fact]
    public async Task An_oversized_api_body_is_refused_with_413()
    {
        var client = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(client);

        var response = await client.PostAsync($"/api/carts/{cartId}/lines",
            new StringContent($"{{\"sku\":\"{new string('A', 100_000)}\",\"quantity\":1}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_sixth_login_attempt_in_the_window_gets_429_with_retry_after()
    {
        var client = store.App.NewClient();
        var email = $"target-{Guid.NewGuid():N}@example.test";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-123" })).StatusCode);
        }

        var sixth = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-123" });

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(int.Parse(sixth.Headers.GetValues("Retry-After").Single()) > 0);
        // Another account from the same address is not locked out.
        var other = await client.PostAsJsonAsync("/api/auth/login", new { email = $"other-{email}", password = "wrong-password-123" });
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }
}
