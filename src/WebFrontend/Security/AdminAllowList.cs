using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// With <see cref="SecurityOptions.AdminAllowList"/> set, only those addresses reach /api/admin, /hubs/admin and the
/// Orleans Dashboard (403 <c>address_not_allowed</c>). The address is the TCP peer, or what a trusted proxy
/// (<c>Frontend:TrustedProxies</c>) forwarded: runs after the forwarded-headers middleware.
/// </summary>
public sealed class AdminAllowList(RequestDelegate next, IOptions<SecurityOptions> options)
{
    public static readonly PathString[] Paths = ["/api/admin", "/hubs/admin", "/orleans-dashboard"];

    private readonly IReadOnlyList<IPNetwork> _networks = Parse(options.Value.AdminAllowList);

    public Task InvokeAsync(HttpContext context)
    {
        if (_networks.Count == 0 || !Paths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            || IsAllowed(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }

        return Results.Problem("This address may not use the admin area.", statusCode: StatusCodes.Status403Forbidden,
            title: "Address not allowed.", extensions: new Dictionary<string, object?> { ["code"] = "address_not_allowed" })
            .ExecuteAsync(context);
    }

    public bool IsAllowed(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var normalised = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _networks.Any(n => n.Contains(normalised));
    }

    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string> entries)
        => [.. entries.Select(e => IPAddress.TryParse(e, out var a) ? new IPNetwork(a, a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) : IPNetwork.Parse(e))];
}
