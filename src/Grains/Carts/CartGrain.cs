using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Reminders;

namespace PacificEdge.Grains.Carts;

/// <summary>
/// A shopping cart and its checkout. Checkout is a small saga: record the pending checkout,
/// reserve stock line by line, hold points, create the order, then record the result under the
/// idempotency key. Every step is idempotent per order id, so a retry resumes it; a failure
/// undoes the holds; a crash is finished or undone at the recovery time. Its due times (recovery,
/// abandoned-cart email, expiry) are stored with its state (<see cref="CartState.WakeUpAt"/>): a grain
/// timer acts on them while the cart is active, the silos' wake-up sweep after it is gone.
/// </summary>
[GrainType("cart")]
public sealed partial class CartGrain(
    [PersistentState("cart", CommerceStorage.Name)] IPersistentState<CartState> state,
    INotificationService notifications,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ILogger<CartGrain> logger) : Grain, ICartGrain, IRemindable
{
    public const int MaxQuantity = 99;
    private const int MaxLines = 50;
    private const int CompletedKept = 20;
    // Reminder names from older versions; one still registered is handled once, then removed.
    private const string AbandonedReminder = "abandoned";
    private const string ExpiryReminder = "expire";
    private const string RecoveryReminder = "checkout-recovery";

    private OneShotReminders? _reminders;

    private OneShotReminders Reminders => _reminders ??= new(this, time, Options.ReminderPeriod);

    private StoredWakeUp<CartState>? _wakeUp;

    private CartState S => state.State;

    private StoredWakeUp<CartState> WakeUps => _wakeUp ??= new(this, state, time);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WakeUps.Loaded();
        return Task.CompletedTask;
    }

    private CommerceOptions Options => options.Value;

    public Task<CartView> Get() => Task.FromResult(View());

    public async Task<CartView> AddLine(string sku, int quantity)
    {
        Ids.Require(sku, "SKU", 64);
        RequireQuantity(quantity);
        var product = await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).Find(sku);
        if (product is not { Active: true })
        {
            throw new UnknownSkuException($"SKU {sku} is not for sale.");
        }

        var index = S.Lines.FindIndex(l => l.Sku == sku);
        if (index >= 0)
        {
            var total = S.Lines[index].Quantity + quantity;
            RequireQuantity(total);
            // The price snapshot is refreshed when the shopper adds more: they see today's price.
            S.Lines[index] = new CartLine(sku, product.Name, product.Price, total, product.Lot);
        }
        else
        {
            if (S.Lines.Count >= MaxLines)
            {
                throw new ValidationException($"A cart holds at most {MaxLines} different products.");
            }

            if (S.Lines.Count > 0 && S.Lines[0].UnitPrice.Currency != product.Price.Currency)
            {
                throw new ValidationException("All products in a cart must be priced in the same currency.");
            }

            S.Lines.Add(new CartLine(sku, product.Name, product.Price, quantity, product.Lot));
        }

        await ChangedAsync("cart.line_added", $"{quantity} x {sku} at {product.Price}");
        return View();
    }

    public async Task<CartView> ChangeQuantity(string sku, int quantity)
    {
        RequireQuantity(quantity);
        var index = IndexOf(sku);
        S.Lines[index] = S.Lines[index] with { Quantity = quantity };
        await ChangedAsync("cart.quantity_changed", $"{sku} to {quantity}");
        return View();
    }

    public async Task<CartView> RemoveLine(string sku)
    {
        S.Lines.RemoveAt(IndexOf(sku));
        await ChangedAsync("cart.line_removed", sku);
        return View();
    }

    public async Task<CartView> AttachCustomer(string customerId, string email)
    {
        Ids.Require(customerId, "Customer id");
        RequireEmail(email);
        if (S.CustomerId == customerId && S.Email == email)
        {
            return View();
        }

        S.CustomerId = customerId;
        S.Email = email;
        await ChangedAsync("cart.customer_attached", customerId);
        return View();
    }

    public async Task<CheckoutResult> Checkout(CheckoutRequest request)
    {
        Validate(request);
        if (S.Completed.TryGetValue(request.IdempotencyKey, out var done))
        {
            // A replay answers only the customer who made the original checkout: the answer leads to their order.
            var original = await GrainFactory.GetGrain<IOrderGrain>(done.OrderId).Get();
            return original.CustomerId == request.CustomerId
                ? done with { Replayed = true }
                : throw new ConflictException("This idempotency key belongs to another checkout.");
        }

        if (S.Pending is { } running && running.IdempotencyKey == request.IdempotencyKey && running.CustomerId != request.CustomerId)
        {
            throw new ConflictException("This idempotency key belongs to another checkout.");
        }

        if (S.Pending is { } stale && stale.IdempotencyKey != request.IdempotencyKey)
        {
            // An earlier attempt under another key never finished: undo it before starting anew.
            await RecoverAsync();
        }

        if (S.Pending is { } retried && retried.IdempotencyKey == request.IdempotencyKey && await FinishIfOrderExistsAsync(retried) is { } finished)
        {
            // The earlier attempt created its order and then failed: its lines are the order's now (reserved, perhaps
            // sold already), so they are not reserved again.
            return finished;
        }

        var pending = S.Pending ?? await BeginAsync(request);
        try
        {
            var result = await RunCheckoutAsync(pending);
            S.Completed[pending.IdempotencyKey] = result;
            foreach (var old in S.Completed.Keys.Take(Math.Max(0, S.Completed.Count - CompletedKept)).ToList())
            {
                S.Completed.Remove(old);
            }

            S.Pending = null;
            EmptyCart();
            Record("checkout.completed", $"order {result.OrderId}, total {result.Total}");
            await SaveAsync();
            return result;
        }
        catch (Exception ex) when (ex is CommerceException)
        {
            // A rule said no (out of stock, not enough points): undo the holds, keep the cart.
            await UndoAsync(pending, $"checkout failed: {ex.Message}");
            throw;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
        => Reminders.DeliverAsync(reminderName, () => OnReminderAsync(reminderName));

    public async Task WakeUp()
    {
        var now = time.GetUtcNow();
        if (S.Pending is not null && S.RecoveryAt is { } recovery && recovery <= now)
        {
            await OnReminderAsync(RecoveryReminder);
        }

        if (S.AbandonedReminderAt is { } abandoned && abandoned <= now)
        {
            await OnReminderAsync(AbandonedReminder);
        }

        if (S.ExpiryReminderAt is { } expiry && expiry <= now)
        {
            await OnReminderAsync(ExpiryReminder);
        }

        // Nothing else may have been written (no email was due after all): the stored time still moves on.
        await WakeUps.SettleAsync();
    }

    private async Task OnReminderAsync(string reminderName)
    {
        var now = time.GetUtcNow();
        switch (reminderName)
        {
            case RecoveryReminder when S.Pending is not null:
                await RecoverAsync();
                break;
            case AbandonedReminder:
                S.AbandonedReminderAt = null;
                if (S.LastChangedAt is { } changed && changed + Options.AbandonedCartAfter > now)
                {
                    ScheduleWakeUps(); // the cart changed since: wait again
                    await SaveAsync();
                }
                else if (S.Lines.Count > 0 && S.Email is { } email && S.AbandonedEmailFor != S.LastChangedAt)
                {
                    await notifications.SendAsync(
                        new Notification($"cart:{this.GetPrimaryKeyString()}:abandoned:{S.LastChangedAt?.ToUnixTimeMilliseconds()}", NotificationKind.AbandonedCart, email, AbandonedModel()),
                        CancellationToken.None);
                    S.AbandonedEmailFor = S.LastChangedAt;
                    Record("cart.abandoned_email", email);
                    await SaveAsync();
                }

                break;
            case ExpiryReminder:
                S.ExpiryReminderAt = null;
                if (S.LastChangedAt is { } last && last + Options.CartExpiresAfter > now)
                {
                    ScheduleWakeUps();
                }
                else if (S.Lines.Count > 0)
                {
                    EmptyCart();
                    Record("cart.expired", $"untouched since {S.LastChangedAt:u}");
                }

                await SaveAsync();
                break;
        }
    }

    private async Task<PendingCheckout> BeginAsync(CheckoutRequest request)
    {
        if (S.Lines.Count == 0)
        {
            throw new ConflictException("The cart is empty.");
        }

        var pending = new PendingCheckout(request.IdempotencyKey, Ids.NewOrderId(), request.CustomerId, S.Lines.ToList(), request.PointsToRedeem, request);
        if (request.Guest)
        {
            // Checked on the very lines about to be reserved, before anything is held or written.
            try
            {
                new GuestCheckoutPolicy(Options.GuestCheckout).CheckLines(pending.Lines);
            }
            catch (GuestLimitException ex)
            {
                LogGuestLimit(this.GetPrimaryKeyString(), ex.Message);
                throw;
            }
        }

        Pricing(pending); // validates the points before anything is held
        S.Pending = pending;
        S.RecoveryAt = time.GetUtcNow() + Options.CheckoutRecoveryAfter;
        Record("checkout.started", $"order {pending.OrderId}");
        await SaveAsync();
        return pending;
    }

    private async Task<CheckoutResult> RunCheckoutAsync(PendingCheckout pending)
    {
        var (subtotal, discount) = Pricing(pending);
        // A fixed order (by SKU) so two checkouts never wait on each other's lines in opposite order.
        foreach (var line in pending.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<IInventoryGrain>(line.Sku).Reserve(pending.OrderId, line.Quantity);
        }

        if (pending.Points > 0)
        {
            await GrainFactory.GetGrain<ICustomerWalletGrain>(pending.CustomerId).Hold(pending.OrderId, pending.Points);
        }

        var request = pending.Request;
        var order = await GrainFactory.GetGrain<IOrderGrain>(pending.OrderId).Create(new OrderDraft(
            pending.OrderId,
            pending.CustomerId,
            request.Email,
            pending.Lines.Select(l => new OrderLine(l.Sku, l.Name, l.UnitPrice, l.Quantity, l.Lot)).ToList(),
            subtotal,
            discount,
            pending.Points,
            request.ShipTo,
            this.GetPrimaryKeyString(),
            request.Guest));
        return new CheckoutResult(order.OrderId, order.Total, order.Discount, order.PointsRedeemed, Replayed: false);
    }

    /// <summary>Finishes a crashed checkout if its order exists, else undoes its holds.</summary>
    private async Task RecoverAsync()
    {
        var pending = S.Pending!;
        if (await FinishIfOrderExistsAsync(pending) is null)
        {
            await UndoAsync(pending, "checkout did not finish; holds released");
        }
    }

    /// <summary>Completes a pending checkout whose order exists (created before a crash or failure); null when it does not.</summary>
    private async Task<CheckoutResult?> FinishIfOrderExistsAsync(PendingCheckout pending)
    {
        OrderView order;
        try
        {
            order = await GrainFactory.GetGrain<IOrderGrain>(pending.OrderId).Get();
        }
        catch (NotFoundException)
        {
            return null;
        }

        var result = new CheckoutResult(order.OrderId, order.Total, order.Discount, order.PointsRedeemed, Replayed: false);
        S.Completed[pending.IdempotencyKey] = result;
        S.Pending = null;
        S.RecoveryAt = null;
        EmptyCart();
        Record("checkout.recovered", $"order {order.OrderId} had been created");
        await SaveAsync();
        return result;
    }

    private async Task UndoAsync(PendingCheckout pending, string why)
    {
        try
        {
            foreach (var line in pending.Lines)
            {
                await GrainFactory.GetGrain<IInventoryGrain>(line.Sku).Release(pending.OrderId);
            }

            if (pending.Points > 0)
            {
                await GrainFactory.GetGrain<ICustomerWalletGrain>(pending.CustomerId).Release(pending.OrderId);
            }
        }
        catch (Exception ex)
        {
            // Leave the checkout pending: it is undone at the next wake-up.
            LogUndoFailed(ex, this.GetPrimaryKeyString(), pending.OrderId);
            return;
        }

        S.Pending = null;
        S.RecoveryAt = null;
        Record("checkout.undone", why);
        await SaveAsync();
    }

    private (Money Subtotal, Money Discount) Pricing(PendingCheckout pending)
    {
        var subtotal = pending.Lines.Aggregate(Money.Zero(pending.Lines[0].UnitPrice.Currency), (sum, l) => sum + l.LineTotal);
        var discount = new Money(pending.Points * Options.Loyalty.PointValue, subtotal.Currency).Round();
        if (discount > subtotal)
        {
            var most = (int)Math.Floor(subtotal.Amount / Options.Loyalty.PointValue);
            throw new ValidationException($"At most {most} points can be redeemed on this order.");
        }

        return (subtotal, discount);
    }

    private async Task ChangedAsync(string @event, string detail)
    {
        S.LastChangedAt = time.GetUtcNow();
        Record(@event, detail);
        ScheduleWakeUps();
        await SaveAsync();
    }

    /// <summary>
    /// Sets each due time once; when it comes early (the cart changed since), the wake-up sets it again.
    /// So adding to a cart moves no time on the hot path.
    /// </summary>
    private void ScheduleWakeUps()
    {
        if (S.LastChangedAt is not { } changed || S.Lines.Count == 0)
        {
            return;
        }

        if (S.AbandonedReminderAt is null && S.AbandonedEmailFor != changed)
        {
            S.AbandonedReminderAt = changed + Options.AbandonedCartAfter;
        }

        S.ExpiryReminderAt ??= changed + Options.CartExpiresAfter;
    }

    // An empty cart has nothing to remind anyone of or to expire.
    private void EmptyCart()
    {
        S.Lines.Clear();
        S.RecoveryAt = null;
        S.AbandonedReminderAt = null;
        S.ExpiryReminderAt = null;
    }

    private Task SaveAsync() => WakeUps.SaveAsync();

    private Dictionary<string, string> AbandonedModel() => new()
    {
        [EmailModelKeys.CartId] = this.GetPrimaryKeyString(),
        [EmailModelKeys.CartUrl] = $"{Options.PublicBaseUrl.TrimEnd('/')}/cart/{this.GetPrimaryKeyString()}",
        [EmailModelKeys.Items] = string.Join("\n", S.Lines.Select(l => $"{l.Quantity} x {l.Name} ({l.Sku})")),
        [EmailModelKeys.ItemCount] = S.Lines.Sum(l => l.Quantity).ToString(System.Globalization.CultureInfo.InvariantCulture),
        [EmailModelKeys.Subtotal] = S.Lines.Aggregate(Money.Zero(S.Lines[0].UnitPrice.Currency), (sum, l) => sum + l.LineTotal).ToString(),
    };

    private void Record(string @event, string detail)
    {
        Timeline.Record(S, time.GetUtcNow(), @event, detail);
    }

    private int IndexOf(string sku)
    {
        var index = S.Lines.FindIndex(l => l.Sku == sku);
        return index >= 0 ? index : throw new NotFoundException($"SKU {sku} is not in the cart.");
    }

    private static void RequireQuantity(int quantity)
    {
        if (quantity is < 1 or > MaxQuantity)
        {
            throw new ValidationException($"Quantity must be between 1 and {MaxQuantity}; got {quantity}.");
        }
    }

    private static void RequireEmail(string email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !EmailAddressSyntax.IsValid(email))
        {
            throw new ValidationException("A valid email address is required.");
        }
    }

    private static void Validate(CheckoutRequest request)
    {
        Ids.Require(request.IdempotencyKey, "Idempotency key", 200);
        Ids.Require(request.CustomerId, "Customer id");
        RequireEmail(request.Email);
        if (request.ShipTo is null)
        {
            throw new ValidationException("A shipping address is required.");
        }

        request.ShipTo.Validate();
        if (request.PointsToRedeem < 0)
        {
            throw new ValidationException("Points to redeem must not be negative.");
        }
    }

    private CartView View()
    {
        var subtotal = S.Lines.Count == 0
            ? (Money?)null
            : S.Lines.Aggregate(Money.Zero(S.Lines[0].UnitPrice.Currency), (sum, l) => sum + l.LineTotal);
        return new CartView(this.GetPrimaryKeyString(), S.CustomerId, S.Lines.ToList(), subtotal, S.Lines.Sum(l => l.Quantity), S.LastChangedAt, S.Version, S.Timeline.TakeLast(50).ToList());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cart {CartId}: guest checkout refused: {Reason}")]
    private partial void LogGuestLimit(string cartId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cart {CartId}: could not undo checkout of {OrderId}; the recovery reminder will retry")]
    private partial void LogUndoFailed(Exception exception, string cartId, string orderId);
}
