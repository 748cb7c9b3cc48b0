using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Tests.Security;

public sealed class TrustedProxiesTests
{
    [Fact]
    public void Only_the_listed_proxies_and_networks_are_believed()
    {
        var options = new ForwardedHeadersOptions();

        TrustedProxies.Apply(options, ["10.0.0.7", "10.244.0.0/16"]);

        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        Assert.Equal([IPAddress.Parse("10.0.0.7")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.244.0.0/16")], options.KnownIPNetworks);
    }

    [Fact]
    public void With_no_proxy_configured_nothing_is_forwarded()
    {
        var options = new ForwardedHeadersOptions();

        TrustedProxies.Apply(options, []);

        Assert.Equal(ForwardedHeaders.None, options.ForwardedHeaders);
    }

    [Theory]
    [InlineData("10.0.0.7", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("proxy.internal", false)]
    [InlineData("10.0.0.0/33", false)]
    public void Entries_are_addresses_or_networks(string entry, bool valid) => Assert.Equal(valid, TrustedProxies.IsValid(entry));
}
