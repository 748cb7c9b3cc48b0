using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>The old shop's orders (rows the import writes into imported_orders): the customer sees theirs, staff anyone's, nobody else.</summary>
public sealed class ImportedOrderHistoryTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Customers_see_their_own_imported_orders_staff_see_anyones_and_others_none()
    {
        var (owner, ownerId) = await store.App.NewCustomerAsync("history");
        var (other, _) = await store.App.NewCustomerAsync("nosy");
        await InsertAsync("OLD-1001", ownerId, new DateTimeOffset(2023, 5, 1, 0, 0, 0, TimeSpan.Zero), 79.90m);
        await InsertAsync("OLD-1002", ownerId, new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), 12.00m);
        var admin = await store.App.SignedInAdminAsync();

        var mine = await owner.GetFromJsonAsync<JsonElement>("/api/me/imported-orders");
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/me/imported-orders");
        var staffView = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/customers/{ownerId}/imported-orders");
        var customerAsStaff = await other.GetAsync($"/api/admin/customers/{ownerId}/imported-orders");
        var anonymous = await store.App.NewClient().GetAsync("/api/me/imported-orders");

        Assert.Equal(["OLD-1002", "OLD-1001"], mine.EnumerateArray().Select(o => o.GetProperty("orderNumber").GetString()));
        Assert.Equal("PE-KPV-10MG", mine[1].GetProperty("lines")[0].GetProperty("sku").GetString());
        Assert.Equal(79.90m, mine[1].GetProperty("total").GetDecimal());
        Assert.Empty(theirs.EnumerateArray());
        Assert.Equal(2, staffView.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, customerAsStaff.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task InsertAsync(string orderNumber, string customerId, DateTimeOffset orderedAt, decimal total)
    {
        var dataSource = store.App.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand(
            "INSERT INTO imported_orders (order_number, customer_id, ordered_at, status, total, currency, lines) VALUES ($1, $2, $3, 'Completed', $4, 'USD', $5::jsonb)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = orderNumber });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = orderedAt });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = total });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = FormattableString.Invariant($"[{{\"sku\":\"PE-KPV-10MG\",\"name\":\"KPV 10 mg\",\"quantity\":1,\"unitPrice\":{total}}}]") });
        await command.ExecuteNonQueryAsync();
    }
}
