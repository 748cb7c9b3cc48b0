using System.Text.Json;
using Npgsql;

namespace PacificEdge.WebFrontend.Data;

/// <summary>Reads the old shop's order history (<c>imported_orders</c>, written only by the import), newest first.</summary>
public sealed class ImportedOrderQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ImportedOrder>> ForCustomerAsync(string customerId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT order_number, customer_id, ordered_at, status, total, currency, lines::text FROM imported_orders " +
            "WHERE customer_id = $1 ORDER BY ordered_at DESC, order_number LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var orders = new List<ImportedOrder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var lines = JsonDocument.Parse(reader.GetString(6));
            orders.Add(new ImportedOrder(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                reader.GetDecimal(4), reader.GetString(5), lines.RootElement.Clone()));
        }

        return orders;
    }
}
