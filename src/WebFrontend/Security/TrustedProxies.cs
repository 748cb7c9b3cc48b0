using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Which peers may tell us the client's address and scheme (X-Forwarded-For / -Proto): only the configured
/// proxies. ASP.NET's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) believes any peer, so it is not used.
/// </summary>
public static class TrustedProxies
{
    public static bool IsValid(string entry) => IPAddress.TryParse(entry, out _) || System.Net.IPNetwork.TryParse(entry, out _);

    public static void Apply(ForwardedHeadersOptions options, IReadOnlyList<string> entries)
    {
        // Empty lists would mean "believe everyone" to the middleware: with no proxy configured, forward nothing, even
        // if something (ASPNETCORE_FORWARDEDHEADERS_ENABLED) adds the middleware anyway.
        options.ForwardedHeaders = entries.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
        }
    }
}
