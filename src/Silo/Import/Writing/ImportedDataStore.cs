using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PacificEdge.Silo.Import.Parsing;
using PacificEdge.Silo.Import.Planning;

namespace PacificEdge.Silo.Import.Writing;

/// <summary>
/// The import's own tables (<c>imported_customers</c>, <c>imported_orders</c>; migration <c>commerce_0008</c>). Every
/// insert is <c>ON CONFLICT DO NOTHING</c> on the old shop's key, so a re-run leaves existing rows as they are.
/// </summary>
public sealed class ImportedDataStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records an imported customer; false when the email was imported before.</summary>
    public async Task<bool> AddCustomerAsync(CustomerRow customer, string userId, CancellationToken cancellationToken)
    {
        var address = JsonSerializer.Serialize(new
        {
            line1 = customer.Address1,
            line2 = customer.Address2,
            city = customer.City,
            region = customer.Region,
            postalCode = customer.PostalCode,
            country = customer.Country,
        });
        await using var command = dataSource.CreateCommand(
            "INSERT INTO imported_customers (email, user_id, first_name, last_name, phone, address) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customer.Email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customer.FirstName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customer.LastName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customer.Phone });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Whether the customer's set-your-password email already went out (null: not an imported customer).</summary>
    public async Task<bool?> IsInvitedAsync(string email, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT invited_at IS NOT NULL FROM imported_customers WHERE email = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        return await command.ExecuteScalarAsync(cancellationToken) as bool?;
    }

    public async Task MarkInvitedAsync(string email, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE imported_customers SET invited_at = $2 WHERE email = $1 AND invited_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a historic order; false when its order number was imported before.</summary>
    public async Task<bool> AddOrderAsync(HistoricOrder order, string customerId, CancellationToken cancellationToken)
    {
        var lines = JsonSerializer.Serialize(order.Lines.Select(l => new { sku = l.Sku, name = l.Name, quantity = l.Quantity, unitPrice = l.UnitPrice }));
        await using var command = dataSource.CreateCommand(
            "INSERT INTO imported_orders (order_number, customer_id, ordered_at, status, total, currency, lines) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
            "ON CONFLICT (order_number) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.OrderNumber });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = order.OrderedAt });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Status.ToString() });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = order.Total });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = order.Currency });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lines, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
