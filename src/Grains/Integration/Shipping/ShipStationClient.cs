using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Shipping.ShipStationApi;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Shipping;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// The ShipStation-shaped adapter, a typed <see cref="HttpClient"/>: <c>POST {BaseUrl}/orders/createorders</c> (bulk,
/// up to <see cref="ShippingOptions.MaxOrdersPerRequest"/> orders, one result per order) and the
/// GET behind a thin webhook's resource_url, both with basic auth. The client's handlers do the rest (see
/// <see cref="Hosting.ShippingServiceCollectionExtensions"/>): quick retries, circuit breaker and timeouts
/// (<see cref="ShippingResilience"/>), the platform's rate-limit headers (<see cref="ShipStationRateLimitGate"/>) and
/// this process's request budget (<see cref="ShippingRequestLimiter"/>). Whatever is left maps to
/// <see cref="ShippingRateLimitedException"/> (429 beyond the in-process cap), transient
/// <see cref="ShippingPlatformException"/> (5xx, 408, network, timeout, open circuit) or non-transient ones (other
/// 4xx, unexpected answers).
/// </summary>
/// <remarks>
/// Notices come from the shipments list (<c>{"shipments":[…]}</c>, see <see cref="ShipStationShipment"/> for the
/// fields and our delivered/exception extension). Event ids are derived from the shipment id and the news, so
/// fetching the same resource again yields the same ids.
/// </remarks>
public sealed partial class ShipStationClient : IShippingPlatform
{
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly ILogger<ShipStationClient> logger;
    private readonly Uri baseUrl;
    private readonly AuthenticationHeaderValue authorization;

    public ShipStationClient(HttpClient http, IOptions<ShippingOptions> options, TimeProvider time, ILogger<ShipStationClient> logger)
    {
        this.http = http;
        this.time = time;
        this.logger = logger;
        var settings = options.Value;
        baseUrl = settings.BaseUrl;
        authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ApiKey}:{settings.ApiSecret}")));
    }

    /// <inheritdoc />
    /// <remarks>
    /// An order that fails our own checks is answered as a non-retryable failure without being sent; a per-order
    /// error from the platform likewise (it refused the order's data); an order the answer leaves out is retryable.
    /// </remarks>
    public async Task<IReadOnlyList<ShippingOrderResult>> CreateOrdersAsync(IReadOnlyList<ShippingOrder> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count > ShippingOptions.MaxOrdersPerRequest)
        {
            throw new ArgumentException($"At most {ShippingOptions.MaxOrdersPerRequest} orders go in one request.", nameof(orders));
        }

        var results = new ShippingOrderResult?[orders.Count];
        var body = new List<ShipStationCreateOrderRequest>(orders.Count);
        var orderDate = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        for (var i = 0; i < orders.Count; i++)
        {
            if (Problem(orders[i]) is { } problem)
            {
                results[i] = ShippingOrderResult.Failed(orders[i]?.OrderKey ?? string.Empty, problem, retryable: false);
            }
            else
            {
                body.Add(ToRequest(orders[i], orderDate));
            }
        }

        if (body.Count > 0)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ApiUri("orders/createorders"))
            {
                Content = JsonContent.Create(body, options: ShipStationJson.Options),
            };
            using var response = await SendAsync(request, "createorders", cancellationToken).ConfigureAwait(false);
            var answer = await ReadAsync<ShipStationCreateOrdersResponse>(response, "createorders", cancellationToken).ConfigureAwait(false);
            var byKey = new Dictionary<string, ShipStationCreateOrderResult>(StringComparer.Ordinal);
            foreach (var result in answer.Results ?? [])
            {
                if (!string.IsNullOrEmpty(result.OrderKey))
                {
                    byKey[result.OrderKey] = result;
                }
            }

            for (var i = 0; i < orders.Count; i++)
            {
                results[i] ??= ToResult(orders[i].OrderKey, byKey.GetValueOrDefault(orders[i].OrderKey));
            }
        }

        var created = results.Count(r => r!.Succeeded);
        LogOrdersCreated(created, orders.Count - created);
        return results!;
    }

    private static ShipStationCreateOrderRequest ToRequest(ShippingOrder order, string orderDate) => new(
        order.OrderNumber,
        order.OrderKey,
        orderDate,
        ShipStationCreateOrderRequest.AwaitingShipment,
        order.Email,
        new ShipStationAddress(order.ShipTo.Name),
        new ShipStationAddress(
            order.ShipTo.Name, order.ShipTo.Line1, order.ShipTo.Line2, order.ShipTo.City, order.ShipTo.Region, order.ShipTo.PostalCode, order.ShipTo.Country),
        order.Items.Select(i => new ShipStationOrderItem(i.Sku, i.Name, i.Quantity)).ToList());

    private static ShippingOrderResult ToResult(string orderKey, ShipStationCreateOrderResult? result) => result switch
    {
        null => ShippingOrderResult.Failed(orderKey, "The shipping platform's createorders answer has no result for this order.", retryable: true),
        { Success: true, OrderId: > 0 } => ShippingOrderResult.Created(orderKey, result.OrderId.ToString(CultureInfo.InvariantCulture)),
        { Success: true } => ShippingOrderResult.Failed(orderKey, "The shipping platform's createorders answer has no order id.", retryable: false),
        _ => ShippingOrderResult.Failed(
            orderKey, string.IsNullOrWhiteSpace(result.ErrorMessage) ? "The shipping platform refused the order." : result.ErrorMessage, retryable: false),
    };

    /// <inheritdoc />
    /// <exception cref="ShippingPlatformException">Also (non-transient) when the URL is not on the platform's host: credentials go nowhere else.</exception>
    public async Task<IReadOnlyList<CarrierNotice>> FetchNoticesAsync(Uri resourceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceUrl);
        if (!resourceUrl.IsAbsoluteUri
            || !string.Equals(resourceUrl.Scheme, baseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(resourceUrl.IdnHost, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
            || resourceUrl.Port != baseUrl.Port)
        {
            throw new ShippingPlatformException("The resource_url is not on the shipping platform's host.", transient: false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, resourceUrl);
        using var response = await SendAsync(request, "shipments", cancellationToken).ConfigureAwait(false);
        var list = await ReadAsync<ShipStationShipmentList>(response, "shipments", cancellationToken).ConfigureAwait(false);
        var notices = new List<CarrierNotice>();
        foreach (var shipment in list.Shipments ?? [])
        {
            if (ToNotice(shipment) is { } notice)
            {
                notices.Add(notice);
            }
        }

        LogNoticesFetched(notices.Count, list.Shipments?.Count ?? 0);
        return notices;
    }

    private CarrierNotice? ToNotice(ShipStationShipment shipment)
    {
        if (shipment.Voided)
        {
            LogSkipped(shipment.ShipmentId, "voided");
            return null;
        }

        var status = string.IsNullOrEmpty(shipment.TrackingStatus) ? ShipStationShipment.Shipped : shipment.TrackingStatus.ToLowerInvariant();
        CarrierEventKind? kind = status switch
        {
            ShipStationShipment.Shipped => CarrierEventKind.Shipped,
            ShipStationShipment.Delivered => CarrierEventKind.Delivered,
            ShipStationShipment.Exception => CarrierEventKind.Exception,
            _ => null,
        };
        if (kind is null || string.IsNullOrEmpty(shipment.OrderKey))
        {
            LogSkipped(shipment.ShipmentId, "unknown tracking status or no order key");
            return null;
        }

        // An exception can happen more than once per shipment, so its id also carries when it was reported.
        var eventId = $"shipstation:{shipment.ShipmentId.ToString(CultureInfo.InvariantCulture)}:{status}";
        if (kind == CarrierEventKind.Exception && shipment.TrackingStatusDate is { } reportedAt)
        {
            eventId += ":" + reportedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return new CarrierNotice(
            shipment.OrderKey,
            new CarrierEvent(
                eventId,
                kind.Value,
                shipment.CarrierCode,
                shipment.TrackingNumber,
                CarrierTrackingLinks.For(shipment.CarrierCode, shipment.TrackingNumber),
                shipment.TrackingDetail));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ShippingPlatformException($"The shipping platform could not be reached ({operation}).", transient: true, ex);
        }
        catch (BrokenCircuitException ex)
        {
            LogCircuitOpen(operation);
            throw new ShippingPlatformException($"The shipping platform is failing; calls are paused ({operation}).", transient: true, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ShippingPlatformException($"The shipping platform did not answer in time ({operation}).", transient: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ShippingPlatformException($"The shipping platform did not answer in time ({operation}).", transient: true, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = ShipStationRateLimitHeaders.RetryAfter(response, time.GetUtcNow());
                LogRateLimited(operation, retryAfter);
                throw new ShippingRateLimitedException(retryAfter);
            }

            LogRejected(operation, status);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ShippingPlatformException(
                    $"The shipping platform rejected our credentials ({operation}: {status}).", transient: false),
                HttpStatusCode.RequestTimeout => new ShippingPlatformException($"The shipping platform timed out ({operation}: {status}).", transient: true),
                _ when status >= 500 => new ShippingPlatformException($"The shipping platform failed ({operation}: {status}).", transient: true),
                _ => new ShippingPlatformException($"The shipping platform rejected the request ({operation}: {status}).", transient: false),
            };
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ShipStationJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("Empty answer.");
        }
        catch (JsonException ex)
        {
            throw new ShippingPlatformException($"The shipping platform's {operation} answer was not understood.", transient: false, ex);
        }
    }

    private Uri ApiUri(string path) => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path);

    // Our own checks, per order, so one bad order does not fail the others in its request.
    private static string? Problem(ShippingOrder? order)
    {
        if (order is null || order.ShipTo is null)
        {
            return "A shipping order needs an address.";
        }

        if (order.Items is not { Count: > 0 } || order.Items.Any(i => i.Quantity <= 0))
        {
            return "A shipping order needs at least one item, each with a positive quantity.";
        }

        try
        {
            Ids.Require(order.OrderKey, "Shipping order key");
            Ids.Require(order.OrderNumber, "Shipping order number");
            return null;
        }
        catch (ValidationException ex)
        {
            return ex.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping platform bulk create: {Created} orders created, {Failed} not")]
    private partial void LogOrdersCreated(int created, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {NoticeCount} carrier notices from {ShipmentCount} shipments")]
    private partial void LogNoticesFetched(int noticeCount, int shipmentCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped shipment {ShipmentId}: {Reason}")]
    private partial void LogSkipped(long shipmentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping platform answered {Operation} with {StatusCode}")]
    private partial void LogRejected(string operation, int statusCode);

    // An expected condition, not an error: no exception, no stack trace.
    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping platform rate-limited {Operation}; retry after {RetryAfter}")]
    private partial void LogRateLimited(string operation, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipping platform circuit is open; {Operation} not sent")]
    private partial void LogCircuitOpen(string operation);
}
