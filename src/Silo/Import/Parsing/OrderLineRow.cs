using PacificEdge.Silo.Import.Files;

namespace PacificEdge.Silo.Import.Parsing;

/// <summary>A line of orders.csv: one product line of an order; the order's own fields repeat on each of its lines.</summary>
public sealed record OrderLineRow(
    string OrderNumber, string Email, DateTimeOffset OrderedAt, HistoricOrderStatus Status, string Sku, int Quantity, decimal UnitPrice, string Currency)
{
    public const int MaxQuantity = 10_000;

    public static Parsed<OrderLineRow> Parse(CsvRow row, DateTimeOffset now, string defaultCurrency)
    {
        var orderNumber = row.Get("order_number", "order_id").TrimStart('#');
        if (orderNumber.Length is 0 or > 64)
        {
            return Parsed<OrderLineRow>.Fail(row, "the order number is empty or longer than 64 characters");
        }

        if (!LegacyValues.TryEmail(row.Get("email"), out var email, out var error)
            || !LegacyValues.TryDate(row.Get("order_date"), now, out var orderedAt, out error)
            || !TryStatus(row.Get("status"), out var status, out error)
            || !LegacyValues.TryWholeNumber(row.Get("quantity"), MaxQuantity, "quantity", out var quantity, out error)
            || !LegacyValues.TryMoney(row.Get("unit_price"), defaultCurrency, out var price, out var currency, out error))
        {
            return Parsed<OrderLineRow>.Fail(row, error);
        }

        var sku = row.Get("sku").ToUpperInvariant();
        if (sku.Length == 0)
        {
            return Parsed<OrderLineRow>.Fail(row, "the SKU is empty");
        }

        if (quantity == 0)
        {
            return Parsed<OrderLineRow>.Fail(row, "the quantity is 0");
        }

        if (row.Get("currency") is { Length: > 0 } column)
        {
            currency = column.ToUpperInvariant();
        }

        return currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)
            ? Parsed<OrderLineRow>.Ok(row, new OrderLineRow(orderNumber, email, orderedAt, status, sku, quantity, price, currency))
            : Parsed<OrderLineRow>.Fail(row, $"'{LegacyValues.Shorten(currency)}' is not a currency code");
    }

    private static bool TryStatus(string text, out HistoricOrderStatus status, out string error)
    {
        HistoricOrderStatus? known = text.Trim().ToLowerInvariant() switch
        {
            "completed" or "complete" or "fulfilled" or "shipped" or "delivered" or "paid" => HistoricOrderStatus.Completed,
            "cancelled" or "canceled" or "voided" => HistoricOrderStatus.Cancelled,
            "refunded" or "partially refunded" or "partially_refunded" => HistoricOrderStatus.Refunded,
            "pending" or "processing" or "unfulfilled" or "on hold" or "on-hold" => HistoricOrderStatus.Open,
            _ => null,
        };
        status = known.GetValueOrDefault();
        error = known is not null ? string.Empty
            : string.IsNullOrWhiteSpace(text) ? "the status is empty" : $"the status '{LegacyValues.Shorten(text)}' is unknown";
        return known is not null;
    }
}
