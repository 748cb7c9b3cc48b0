using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Integration.Shipping.ShipStationApi;
using PacificEdge.Grains.Interfaces.Shipping;

namespace PacificEdge.Simulators.Shipping;

/// <summary>
/// An in-process stand-in for the shipping platform, used as the <see cref="ShipStationClient"/>'s HTTP handler in
/// Sandbox mode so the real client code runs without a network. Like the platform it checks basic auth (401),
/// limits each API key to <see cref="ShippingOptions.RequestsPerMinute"/> per fixed one-minute window (429 with
/// Retry-After and X-Rate-Limit-* headers, on the injected clock; the window is <see cref="ShippingOptions.RateLimitWindow"/>),
/// serves the bulk create (<c>orders/createorders</c>, one result per order, de-duplicated by orderKey: one platform
/// order per key), and the shipments list behind each thin webhook. Tests and the admin/e2e paths drive it with
/// <see cref="MarkShipped"/>, <see cref="MarkDelivered"/>, <see cref="MarkException"/> and can inject failures of
/// whole requests (<see cref="FailNextRequests"/>, <see cref="FailureRate"/>) or of single orders (<see cref="RejectNextOrders"/>).
/// </summary>
/// <remarks>
/// Disposing it (IHttpClientFactory disposes expired handlers) does not lose state: a handler's Dispose does nothing
/// here, and the instance lives as long as the container.
/// </remarks>
public sealed class ShipStationSimulator : HttpMessageHandler
{
    private readonly ShippingOptions options;
    private readonly TimeProvider time;
    private readonly string expectedAuthorization;
    private readonly Lock gate = new();
    private readonly Dictionary<string, SimulatedShippingOrder> ordersByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, IReadOnlyList<ShipStationShipment>> batches = [];
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> windows = new(StringComparer.Ordinal);
    private readonly Random random;
    private long nextOrderId = 100_000_000;
    private long nextShipmentId = 500_000_000;
    private long nextBatchId = 9_000_000;
    private int failNext;
    private HttpStatusCode failNextStatus = HttpStatusCode.ServiceUnavailable;
    private int requestsSeen;
    private int rejectNext;
    private int createOrdersRequests;
    private int largestBatch;
    private int rateLimitedResponses;
    private int injectedFailures;

    public ShipStationSimulator(IOptions<ShippingOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        FailureRate = this.options.SimulatorFailureRate;
        random = this.options.SimulatorSeed is { } seed ? new Random(seed) : new Random();
        expectedAuthorization = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{this.options.ApiKey}:{this.options.ApiSecret}"));
    }

    /// <summary>Share of authorised requests answered 503 at random (0–1). Starts at <see cref="ShippingOptions.SimulatorFailureRate"/>.</summary>
    public double FailureRate { get; set; }

    /// <summary>Every request received, whatever the answer.</summary>
    public int RequestsSeen => Volatile.Read(ref requestsSeen);

    /// <summary>Distinct platform orders created (a repeated orderKey creates none).</summary>
    public int OrdersCreated
    {
        get
        {
            lock (gate)
            {
                return ordersByKey.Count;
            }
        }
    }

    /// <summary>createorders requests that reached the order logic (past auth, limit and failure injection).</summary>
    public int CreateOrdersRequests => Volatile.Read(ref createOrdersRequests);

    /// <summary>The most orders one createorders request carried.</summary>
    public int LargestBatch => Volatile.Read(ref largestBatch);

    /// <summary>Requests answered 429.</summary>
    public int RateLimitedResponses => Volatile.Read(ref rateLimitedResponses);

    /// <summary>Requests failed on purpose (<see cref="FailNextRequests"/> or <see cref="FailureRate"/>).</summary>
    public int InjectedFailures => Volatile.Read(ref injectedFailures);

    /// <summary>Every order, in creation order.</summary>
    public IReadOnlyList<SimulatedShippingOrder> Orders
    {
        get
        {
            lock (gate)
            {
                return ordersByKey.Values.OrderBy(o => o.OrderId).ToList();
            }
        }
    }

    /// <summary>The order pushed with this key, if any.</summary>
    public SimulatedShippingOrder? FindOrder(string orderKey)
    {
        lock (gate)
        {
            return ordersByKey.GetValueOrDefault(orderKey);
        }
    }

    /// <summary>Fails the next <paramref name="count"/> authorised requests with <paramref name="status"/> (default 503).</summary>
    public void FailNextRequests(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            failNext = count;
            failNextStatus = status;
        }
    }

    /// <summary>Refuses the next <paramref name="count"/> orders of createorders requests (a per-order error; the request succeeds).</summary>
    public void RejectNextOrders(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (gate)
        {
            rejectNext = count;
        }
    }

    /// <summary>The carrier picked the parcel up. Returns the SHIP_NOTIFY webhook to post to our endpoint.</summary>
    /// <exception cref="InvalidOperationException">No order was pushed with this key.</exception>
    public ShipNotifyWebhook MarkShipped(string orderKey, string carrierCode, string trackingNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(carrierCode);
        ArgumentException.ThrowIfNullOrEmpty(trackingNumber);
        lock (gate)
        {
            var order = RequireOrder(orderKey);
            var shipped = order with
            {
                Status = ShipStationShipment.Shipped,
                ShipmentId = order.ShipmentId ?? nextShipmentId++,
                CarrierCode = carrierCode,
                TrackingNumber = trackingNumber,
            };
            ordersByKey[orderKey] = shipped;
            return Publish(shipped, ShipStationShipment.Shipped, detail: null);
        }
    }

    /// <summary>The carrier delivered the parcel. Returns the webhook to post.</summary>
    /// <exception cref="InvalidOperationException">The order has not shipped.</exception>
    public ShipNotifyWebhook MarkDelivered(string orderKey)
    {
        lock (gate)
        {
            var delivered = RequireShipped(orderKey) with { Status = ShipStationShipment.Delivered };
            ordersByKey[orderKey] = delivered;
            return Publish(delivered, ShipStationShipment.Delivered, detail: null);
        }
    }

    /// <summary>The carrier reported a problem (e.g. address not found). Returns the webhook to post.</summary>
    /// <exception cref="InvalidOperationException">The order has not shipped.</exception>
    public ShipNotifyWebhook MarkException(string orderKey, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(detail);
        lock (gate)
        {
            var failed = RequireShipped(orderKey) with { Status = ShipStationShipment.Exception };
            ordersByKey[orderKey] = failed;
            return Publish(failed, ShipStationShipment.Exception, detail);
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requestsSeen);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            return Handle(request, body);
        }
    }

    private HttpResponseMessage Handle(HttpRequestMessage request, string? body)
    {
        if (request.Headers.Authorization is not { Scheme: "Basic", Parameter: { } credentials } || credentials != expectedAuthorization)
        {
            return Message(HttpStatusCode.Unauthorized, "401 Unauthorized");
        }

        var limited = ApplyRateLimit(credentials, out var remaining, out var resetIn);
        if (limited is not null)
        {
            return limited;
        }

        if (failNext > 0 || (FailureRate > 0 && random.NextDouble() < FailureRate))
        {
            var status = failNext > 0 ? failNextStatus : HttpStatusCode.ServiceUnavailable;
            failNext = Math.Max(0, failNext - 1);
            Interlocked.Increment(ref injectedFailures);
            return Message(status, "The service is temporarily unavailable.");
        }

        var path = request.RequestUri?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        var response = (request.Method.Method, path) switch
        {
            ("POST", var p) when p.EndsWith("/orders/createorders", StringComparison.OrdinalIgnoreCase) => CreateOrders(body),
            ("GET", var p) when p.EndsWith("/shipments", StringComparison.OrdinalIgnoreCase) => Shipments(request.RequestUri!),
            _ => Message(HttpStatusCode.NotFound, "No such resource."),
        };
        AddRateLimitHeaders(response, remaining, resetIn);
        return response;
    }

    private HttpResponseMessage? ApplyRateLimit(string apiKey, out int remaining, out TimeSpan resetIn)
    {
        var now = time.GetUtcNow();
        if (!windows.TryGetValue(apiKey, out var window) || now >= window.Start + options.RateLimitWindow)
        {
            window = (now, 0);
        }

        window.Count++;
        windows[apiKey] = window;
        resetIn = window.Start + options.RateLimitWindow - now;
        remaining = Math.Max(0, options.RequestsPerMinute - window.Count);
        if (window.Count <= options.RequestsPerMinute)
        {
            return null;
        }

        Interlocked.Increment(ref rateLimitedResponses);
        var response = Message(HttpStatusCode.TooManyRequests, "Too many requests.");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(resetIn.TotalSeconds)));
        AddRateLimitHeaders(response, 0, resetIn);
        return response;
    }

    private void AddRateLimitHeaders(HttpResponseMessage response, int remaining, TimeSpan resetIn)
    {
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Limit", options.RequestsPerMinute.ToString(CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", Math.Ceiling(resetIn.TotalSeconds).ToString(CultureInfo.InvariantCulture));
    }

    private HttpResponseMessage CreateOrders(string? body)
    {
        Interlocked.Increment(ref createOrdersRequests);
        List<ShipStationCreateOrderRequest?>? orders;
        try
        {
            orders = body is null ? null : JsonSerializer.Deserialize<List<ShipStationCreateOrderRequest?>>(body, ShipStationJson.Options);
        }
        catch (JsonException)
        {
            orders = null;
        }

        if (orders is null || orders.Count is 0 or > ShippingOptions.MaxOrdersPerRequest)
        {
            return Message(HttpStatusCode.BadRequest, "The request is invalid: a JSON array of 1 to 100 orders is expected.");
        }

        largestBatch = Math.Max(largestBatch, orders.Count);
        var results = orders.Select(CreateOrder).ToList();
        return Json(HttpStatusCode.OK, new ShipStationCreateOrdersResponse(results.Any(r => !r.Success), results));
    }

    private ShipStationCreateOrderResult CreateOrder(ShipStationCreateOrderRequest? order)
    {
        if (order is null || string.IsNullOrEmpty(order.OrderKey) || string.IsNullOrEmpty(order.OrderNumber)
            || string.IsNullOrEmpty(order.OrderDate) || order.ShipTo is null || order.Items is not { Count: > 0 })
        {
            return new ShipStationCreateOrderResult(0, order?.OrderNumber, order?.OrderKey, false, "orderNumber, orderKey, orderDate, shipTo and items are required.");
        }

        if (rejectNext > 0)
        {
            rejectNext--;
            return new ShipStationCreateOrderResult(0, order.OrderNumber, order.OrderKey, false, "The order was rejected (simulated).");
        }

        var items = order.Items.Select(i => new ShipmentItem(i.Sku, i.Name, i.Quantity)).ToList();
        var stored = ordersByKey.TryGetValue(order.OrderKey, out var existing)
            ? existing with { Items = items, CustomerEmail = order.CustomerEmail }
            : new SimulatedShippingOrder(nextOrderId++, order.OrderKey, order.OrderNumber, order.CustomerEmail, items, order.OrderStatus);
        ordersByKey[order.OrderKey] = stored;
        return new ShipStationCreateOrderResult(stored.OrderId, stored.OrderNumber, stored.OrderKey, true, null);
    }

    private HttpResponseMessage Shipments(Uri uri)
    {
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var shipments = long.TryParse(query["batchId"], NumberStyles.None, CultureInfo.InvariantCulture, out var batchId)
            ? batches.GetValueOrDefault(batchId) ?? []
            : [];
        return Json(HttpStatusCode.OK, new ShipStationShipmentList(shipments, shipments.Count, Page: 1, Pages: 1));
    }

    private ShipNotifyWebhook Publish(SimulatedShippingOrder order, string trackingStatus, string? detail)
    {
        var now = time.GetUtcNow();
        var batchId = nextBatchId++;
        batches[batchId] =
        [
            new ShipStationShipment(
                order.ShipmentId!.Value,
                order.OrderId,
                order.OrderKey,
                order.OrderNumber,
                order.CarrierCode,
                ServiceCode: null,
                order.TrackingNumber,
                now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Voided: false,
                trackingStatus,
                now,
                detail),
        ];
        var resourceUrl = new Uri($"{options.BaseUrl.AbsoluteUri.TrimEnd('/')}/shipments?batchId={batchId.ToString(CultureInfo.InvariantCulture)}&includeShipmentItems=False");
        return new ShipNotifyWebhook(resourceUrl, ShipNotifyWebhook.ShipNotify);
    }

    private SimulatedShippingOrder RequireOrder(string orderKey)
        => ordersByKey.TryGetValue(orderKey, out var order)
            ? order
            : throw new InvalidOperationException($"No shipping order was pushed with key {orderKey}.");

    private SimulatedShippingOrder RequireShipped(string orderKey)
    {
        var order = RequireOrder(orderKey);
        return order.ShipmentId is null ? throw new InvalidOperationException($"Shipping order {orderKey} has not shipped.") : order;
    }

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T value) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(value, ShipStationJson.Options), Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage Message(HttpStatusCode status, string message)
        => Json(status, new Dictionary<string, string> { ["message"] = message });
}
