using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// Pushes order events to the hubs. Events arrive in-process when grains run here, and through
/// PostgreSQL LISTEN/NOTIFY from any process; each (order, version) is pushed once whichever way
/// it came first. After a LISTEN reconnect the admin dashboard is refreshed from durable state;
/// order pages refetch on version gaps.
/// </summary>
public sealed partial class OrderEventRelay(
    IServiceProvider services,
    IHubContext<OrdersHub> orders,
    IHubContext<AdminHub> admins,
    DashboardService dashboard,
    ILogger<OrderEventRelay> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, long> _delivered = new(StringComparer.Ordinal);

    public async Task DeliverAsync(OrderStatusChanged change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var seen = _delivered.GetValueOrDefault(change.OrderId);
            if (change.Version <= seen)
            {
                return;
            }

            if (seen == 0 ? _delivered.TryAdd(change.OrderId, change.Version) : _delivered.TryUpdate(change.OrderId, change.Version, seen))
            {
                break;
            }
        }

        if (_delivered.Count > 100_000)
        {
            _delivered.Clear(); // a stale duplicate after this only repeats a message the client tolerates
        }

        // Shoppers follow their order, not its outbox: the staff-only count stays with the admins.
        await orders.Clients.Group(OrdersHub.GroupFor(change.OrderId)).SendAsync(OrdersHub.StatusMessage, change with { DeadLetteredEffects = 0 }, cancellationToken);
        await admins.Clients.All.SendAsync(AdminHub.OrderChangedMessage, change, cancellationToken);
        dashboard.MarkChanged();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = services.GetService<IOrderEventSubscription>()?.Subscribe(DeliverAsync);
        if (services.GetService<NpgsqlDataSource>() is not { } dataSource)
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(dataSource, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(NpgsqlDataSource dataSource, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, notification) =>
        {
            try
            {
                if (OrderEventWire.Deserialize(notification.Payload) is { } change)
                {
                    _ = DeliverAsync(change, stoppingToken);
                }
            }
            catch (JsonException ex)
            {
                LogBadNotification(ex);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {OrderEventWire.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Anything missed while not listening is in the projection: refresh the dashboards from it.
        dashboard.MarkChanged();
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for order events failed; reconnecting")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an order event notification that could not be read")]
    private partial void LogBadNotification(Exception exception);
}
