using System.Globalization;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Shipping;
using Orleans;

namespace PacificEdge.Grains.Orders;

/// <summary>
/// Carries out one <see cref="OrderEffect"/> of an order against its target (inventory, wallet,
/// shipment, gateway, email, admin alerts, event stream). Each target is idempotent for the effect's key, so
/// running an effect twice after a crash changes nothing.
/// </summary>
public sealed class OrderEffectRunner(
    IGrainFactory grains,
    IPaymentGateway gateway,
    INotificationService notifications,
    IOrderEventPublisher publisher,
    IAdminAlerts alerts,
    IOptions<CommerceOptions> options)
{
    /// <summary>Runs the effect; returns follow-up effects (e.g. the referral award after a claim).</summary>
    public async Task<IReadOnlyList<OrderEffect>> RunAsync(OrderEffect effect, OrderState order, CancellationToken cancellationToken)
    {
        switch (effect.Kind)
        {
            case OrderEffectKind.CommitStock:
                await ForEachLine(order, (inventory, _) => inventory.Commit(order.OrderId));
                break;
            case OrderEffectKind.ReleaseStock:
                await ForEachLine(order, (inventory, _) => inventory.Release(order.OrderId));
                break;
            case OrderEffectKind.RestockCommitted:
                await ForEachLine(order, (inventory, line) => inventory.Restock(order.OrderId, line.Quantity));
                break;
            case OrderEffectKind.CapturePoints when order.PointsRedeemed > 0:
                await Wallet(order.CustomerId).Capture(order.OrderId);
                break;
            case OrderEffectKind.ReleasePoints when order.PointsRedeemed > 0:
                await Wallet(order.CustomerId).Release(order.OrderId);
                break;
            case OrderEffectKind.EarnPoints:
                var wallet = await Wallet(order.CustomerId).EarnForOrder(order.OrderId, order.Total);
                order.PointsEarned = wallet.Ledger.FirstOrDefault(e => e.Key == $"earn:{order.OrderId}")?.Points ?? 0;
                break;
            case OrderEffectKind.ClawbackPoints when effect.Points > 0:
                await Wallet(order.CustomerId).Clawback(effect.Key, effect.Points, $"refund on order {order.OrderId}");
                break;
            case OrderEffectKind.RestorePoints when effect.Points > 0:
                await Wallet(order.CustomerId).Adjust(effect.Key, effect.Points, $"points spent on refunded order {order.OrderId} returned");
                break;
            case OrderEffectKind.ClaimReferral:
                if (await Wallet(order.CustomerId).ClaimReferral(order.OrderId) is { } referrer)
                {
                    return [new OrderEffect(OrderEffectKind.AwardReferral, $"{order.OrderId}:referral", Text: referrer)];
                }

                break;
            case OrderEffectKind.AwardReferral:
                await Wallet(effect.Text!).AwardReferralBonus(order.CustomerId);
                break;
            case OrderEffectKind.CreateShipment:
                var shipmentId = Ids.ShipmentIdFor(order.OrderId);
                await grains.GetGrain<IShipmentGrain>(shipmentId).Create(new ShipmentRequest(
                    order.OrderId,
                    order.Email,
                    order.ShipTo!,
                    order.Lines.Select(l => new ShipmentItem(l.Sku, l.Name, l.Quantity)).ToList()));
                order.ShipmentId = shipmentId;
                break;
            case OrderEffectKind.SendEmail:
                var kind = Enum.Parse<NotificationKind>(effect.Text!);
                // Effect keys are unique within an order; the email log's keys must be unique across orders.
                var model = EmailModel(order);
                if (effect.Url is { } url)
                {
                    model[EmailModelKeys.OrderUrl] = url;
                }

                await notifications.SendAsync(new Notification($"order:{order.OrderId}:{effect.Key}", kind, order.Email, model), cancellationToken);
                break;
            case OrderEffectKind.PublishStatus:
                await publisher.PublishAsync(effect.Change!, cancellationToken);
                break;
            case OrderEffectKind.CapturePayment:
                await gateway.CaptureAsync(effect.Text!, cancellationToken);
                break;
            case OrderEffectKind.VoidPayment:
                await gateway.VoidAsync(effect.Text!, cancellationToken);
                break;
            case OrderEffectKind.RefundPayment:
                var refund = await gateway.RefundAsync(effect.Text!, new Money(effect.Amount, effect.Currency ?? order.Total.Currency), effect.Key, cancellationToken);
                if (!refund.Succeeded)
                {
                    throw new PaymentFailedException($"Refund of {effect.Amount} for order {order.OrderId} failed: {refund.FailureCode}.");
                }

                break;
            case OrderEffectKind.RaiseAlert:
                // Keyed across orders like emails, so a retry after a crash stores no second alert.
                await alerts.RaiseAsync(new AdminAlert($"order:{order.OrderId}:{effect.Key}", effect.Text!, effect.Message!, effect.Amount, effect.Threshold), cancellationToken);
                break;
        }

        return [];
    }

    private async Task ForEachLine(OrderState order, Func<IInventoryGrain, OrderLine, Task> action)
    {
        foreach (var line in order.Lines)
        {
            await action(grains.GetGrain<IInventoryGrain>(line.Sku), line);
        }
    }

    private ICustomerWalletGrain Wallet(string customerId) => grains.GetGrain<ICustomerWalletGrain>(customerId);

    private Dictionary<string, string> EmailModel(OrderState order)
    {
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        var model = new Dictionary<string, string>
        {
            [EmailModelKeys.OrderId] = order.OrderId,
            [EmailModelKeys.CustomerName] = order.ShipTo?.Name ?? order.Email,
            [EmailModelKeys.Total] = order.Total.ToString(),
            [EmailModelKeys.Subtotal] = order.Subtotal.ToString(),
            [EmailModelKeys.Discount] = order.Discount.ToString(),
            [EmailModelKeys.Items] = string.Join("\n", order.Lines.Select(l => $"{l.Quantity} x {l.Name} ({l.Sku}, lot {l.Lot}) {l.LineTotal}")),
            [EmailModelKeys.ItemCount] = order.Lines.Sum(l => l.Quantity).ToString(CultureInfo.InvariantCulture),
            [EmailModelKeys.OrderUrl] = $"{baseUrl}/orders/{order.OrderId}",
            [EmailModelKeys.RetryUrl] = $"{baseUrl}/orders/{order.OrderId}",
            [EmailModelKeys.PaymentDueBy] = order.PaymentDueBy?.ToString("u", CultureInfo.InvariantCulture) ?? "",
            [EmailModelKeys.DeclineCode] = order.LastDeclineCode ?? "",
        };
        if (!order.Guest)
        {
            model[EmailModelKeys.PointsEarned] = order.PointsEarned.ToString(CultureInfo.InvariantCulture);
        }

        if (order.TrackingNumber is not null)
        {
            model[EmailModelKeys.Carrier] = order.Carrier ?? "";
            model[EmailModelKeys.TrackingNumber] = order.TrackingNumber;
            model[EmailModelKeys.TrackingUrl] = order.TrackingUrl ?? "";
        }

        return model;
    }
}
