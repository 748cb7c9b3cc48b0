using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Live SignalR connections outlive the cookie check (the cookie is read once, at connect). This hub filter notes each
/// signed-in connection's session, stamp and role, and every <see cref="SecurityOptions.SessionValidationInterval"/>
/// closes those whose session ended, whose account got a new security stamp or whose role changed. Each web process
/// checks its own connections against the database, so a change made through any process reaches all of them.
/// </summary>
public sealed partial class HubSessionMonitor(
    UserSessions sessions, IOptions<SecurityOptions> options, IOptions<IdentityOptions> identity, TimeProvider time, ILogger<HubSessionMonitor> logger)
    : BackgroundService, IHubFilter
{
    private readonly ConcurrentDictionary<string, Watched> _connections = new(StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = context.Context.User;
        if (user?.SessionId() is { } sessionId && user.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value is { } stamp)
        {
            var role = user.IsInRole(Roles.Admin) ? Roles.Admin : user.IsInRole(Roles.Staff) ? Roles.Staff : Roles.Customer;
            _connections[context.Context.ConnectionId] = new Watched(context.Context, sessionId, stamp, role);
        }

        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    /// <summary>Checks every watched connection once; returns how many were closed.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var watched = _connections.Values.ToList();
        if (watched.Count == 0)
        {
            return 0;
        }

        var open = await sessions.OpenAsync([.. watched.Select(w => w.SessionId).Distinct()], cancellationToken);
        var closed = 0;
        foreach (var connection in watched)
        {
            if (!open.TryGetValue(connection.SessionId, out var state) || state.Stamp != connection.Stamp || state.Role != connection.Role)
            {
                _connections.TryRemove(connection.Context.ConnectionId, out _);
                connection.Context.Abort();
                closed++;
            }
        }

        if (closed > 0)
        {
            LogClosed(closed);
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SessionValidationInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly away; the next tick tries again.
                LogCheckFailed(ex);
            }
        }
    }

    private sealed record Watched(HubCallerContext Context, string SessionId, string Stamp, string Role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connections whose sign-in session ended or changed")]
    private partial void LogClosed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking hub connections' sessions failed")]
    private partial void LogCheckFailed(Exception exception);
}
