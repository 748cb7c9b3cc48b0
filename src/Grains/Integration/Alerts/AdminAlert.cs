namespace PacificEdge.Grains.Integration.Alerts;

/// <summary>An alert for the admins, raised by a grain (stored in table <c>alerts</c>, shown on the dashboard).</summary>
/// <param name="Key">Idempotency key: raising the same key again stores nothing.</param>
/// <param name="Kind">What happened (see <see cref="AdminAlertKinds"/>).</param>
/// <param name="Message">For a human: order id, amounts, currencies; never card data.</param>
/// <param name="Value">The observed amount (paid or refunded).</param>
/// <param name="Threshold">What it was measured against (the order total, the refundable amount).</param>
public sealed record AdminAlert(string Key, string Kind, string Message, decimal Value, decimal Threshold);
