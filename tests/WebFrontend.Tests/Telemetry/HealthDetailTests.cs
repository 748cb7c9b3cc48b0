using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Telemetry;

/// <summary><c>/health/detail</c>: admins see every dependency with status and latency; nobody else sees anything.</summary>
public sealed class HealthDetailTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private static readonly string[] Components = ["database", "silos", "email", "shipping", "payments", "reminder_lag", "webhook_backlog"];

    [Fact]
    public async Task Anonymous_callers_get_401_and_customers_403()
    {
        using var anonymous = store.App.NewClient();
        var (customer, _) = await store.App.NewCustomerAsync("health-detail");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/health/detail")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/health/detail")).StatusCode);
    }

    [Fact]
    public async Task An_admin_gets_every_component_with_its_status_and_latency()
    {
        var admin = await store.App.SignedInAdminAsync();

        using var response = await admin.GetAsync("/health/detail");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var components = body.GetProperty("components");
        Assert.Equal(Components.Order(StringComparer.Ordinal), components.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (var name in Components)
        {
            var component = components.GetProperty(name);
            Assert.Equal("Healthy", component.GetProperty("status").GetString());
            Assert.True(component.GetProperty("latencyMilliseconds").GetDouble() >= 0, name);
            Assert.False(string.IsNullOrEmpty(component.GetProperty("description").GetString()), name);
        }

        Assert.True(components.GetProperty("silos").GetProperty("data").GetProperty("active").GetInt32() >= 1);
        Assert.Equal("sandbox", components.GetProperty("email").GetProperty("data").GetProperty("mode").GetString());
        Assert.True(components.GetProperty("webhook_backlog").GetProperty("data").TryGetProperty("pending", out _));
        Assert.True(components.GetProperty("reminder_lag").GetProperty("data").TryGetProperty("lagSeconds", out _));
    }
}
