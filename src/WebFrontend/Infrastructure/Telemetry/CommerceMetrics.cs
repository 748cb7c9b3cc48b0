using System.Diagnostics.Metrics;

namespace PacificEdge.WebFrontend.Infrastructure.Telemetry;

/// <summary>Checkout counters of the front end (meter <c>PacificEdge.Commerce</c>): orders placed and how long a checkout took.</summary>
public sealed class CommerceMetrics
{
    public const string MeterName = "PacificEdge.Commerce";

    private readonly Counter<long> _placed;
    private readonly Histogram<double> _checkoutDuration;

    public CommerceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _placed = meter.CreateCounter<long>("pacificedge.orders.placed", unit: "{order}", description: "Orders placed at checkout (a replayed checkout is not counted again), by guest or account.");
        _checkoutDuration = meter.CreateHistogram<double>("pacificedge.checkout.duration", unit: "s", description: "Time to answer a successful checkout.");
    }

    public void CheckoutCompleted(TimeSpan elapsed, bool guest, bool replayed)
    {
        var customer = new KeyValuePair<string, object?>("customer", guest ? "guest" : "account");
        _checkoutDuration.Record(elapsed.TotalSeconds, customer);
        if (!replayed)
        {
            _placed.Add(1, customer);
        }
    }
}
