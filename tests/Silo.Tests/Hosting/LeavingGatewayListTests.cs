using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;
using PacificEdge.Silo.Hosting;

namespace PacificEdge.Silo.Tests.Hosting;

/// <summary>
/// A web process keeps a leaving silo's gateway masked (and its connection open for replies) for a whole stop: the gateway
/// list it builds must carry <see cref="OrleansSettings.LeavingGatewayMaskTime"/> as its staleness (issue 8).
/// </summary>
public sealed class LeavingGatewayListTests
{
    [Fact]
    public void The_web_client_s_gateway_list_masks_a_leaving_gateway_for_the_configured_time()
    {
        var settings = new OrleansSettings { LeavingGatewayMaskTime = TimeSpan.FromSeconds(75) };
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => OrleansHosting.ConfigureClient(client, settings, "Host=127.0.0.1;Port=1;Database=none;Username=none"));
        using var services = builder.Services.BuildServiceProvider();

        var provider = services.GetRequiredService<IGatewayListProvider>();

        Assert.IsType<LeavingGatewayListProvider>(provider);
        Assert.Equal(TimeSpan.FromSeconds(75), provider.MaxStaleness);
    }

    [Fact]
    public void The_mask_never_shortens_what_the_inner_list_asks_for()
    {
        var inner = new FixedList(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(5), new LeavingGatewayListProvider(inner, TimeSpan.FromSeconds(90)).MaxStaleness);
        Assert.Equal(TimeSpan.FromSeconds(90), new LeavingGatewayListProvider(new FixedList(TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(90)).MaxStaleness);
    }

    [Fact]
    public void A_mask_time_no_longer_than_a_silo_s_stop_is_refused_at_start_up()
    {
        var settings = new OrleansSettings { ShutdownTimeout = TimeSpan.FromSeconds(30), LeavingGatewayMaskTime = TimeSpan.FromSeconds(30) };

        Assert.Contains(settings.Validate(), p => p.Contains("LeavingGatewayMaskTime", StringComparison.Ordinal));
    }

    private sealed class FixedList(TimeSpan staleness) : IGatewayListProvider
    {
        public TimeSpan MaxStaleness => staleness;

        [Obsolete("Not read by Orleans.")]
        public bool IsUpdatable => true;

        public Task InitializeGatewayListProvider() => Task.CompletedTask;

        public Task<IList<Uri>> GetGateways() => Task.FromResult<IList<Uri>>([]);
    }
}
