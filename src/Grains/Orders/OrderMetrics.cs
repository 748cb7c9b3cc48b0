using System.Diagnostics.Metrics;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Orders;

/// <summary>Order counters of the silo (meter <c>PacificEdge.Orders</c>): orders paid and the amount, by currency.</summary>
public sealed class OrderMetrics
{
    public const string MeterName = "PacificEdge.Orders";

    private readonly Counter<long> _paid;
    private readonly Counter<double> _paidAmount;

    public OrderMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _paid = meter.CreateCounter<long>("pacificedge.orders.paid", unit: "{order}", description: "Orders that became paid (by card or fully with points), by currency.");
        _paidAmount = meter.CreateCounter<double>("pacificedge.orders.paid_amount", description: "Order totals that became paid, in the currency's units, by currency.");
    }

    /// <summary>Counted when the order moves to Paid; a retried turn after a failed state write may count it twice (rare).</summary>
    public void Paid(Money total)
    {
        var currency = new KeyValuePair<string, object?>("currency", total.Currency);
        _paid.Add(1, currency);
        _paidAmount.Add((double)total.Amount, currency);
    }
}
