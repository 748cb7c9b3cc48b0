namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>
/// A payment webhook body that is not valid JSON or lacks a field its type requires. The endpoint answers 400;
/// the message names the problem but never echoes the body.
/// </summary>
public sealed class PaymentWebhookFormatException(string message, Exception? inner = null) : FormatException(message, inner);
