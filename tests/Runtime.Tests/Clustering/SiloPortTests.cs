using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Testing;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Clustering;

/// <summary>The silo port: forwarding to the owner, the forward limit, the shared secret, the JSON format. In-memory clusters.</summary>
public sealed class SiloPortTests
{
    [Fact]
    public async Task A_call_that_reaches_a_silo_which_does_not_own_the_grain_is_forwarded_to_the_owner()
    {
        await using var cluster = await TestClusters.StartAsync(configure: b => b.UseClustering().WithSilos(2));
        await cluster.WaitForMembershipAsync();
        var (first, second) = (cluster.Silos[0], cluster.Silos[1]);
        var key = (await ClusterTestHelpers.KeysOnAsync(cluster, second, 1, "forwarded"))[0];
        var transport = first.Services.GetRequiredService<ISiloTransport>();

        // As a caller with a stale view would: send the call for a grain of `second` to `first`.
        var response = await transport.SendAsync(first.Address, Request(key, first), CancellationToken.None);

        Assert.Null(response.Error);
        Assert.Contains(second.Address.ToString(), System.Text.Encoding.UTF8.GetString(response.Result!));
        Assert.False(first.HasActivation(new GrainId("test-cluster", key)));
        Assert.True(second.HasActivation(new GrainId("test-cluster", key)));
    }

    [Fact]
    public async Task A_call_forwarded_too_often_is_refused_as_unavailable_so_the_caller_retries()
    {
        await using var cluster = await TestClusters.StartAsync(configure: b => b.UseClustering().WithSilos(2));
        await cluster.WaitForMembershipAsync();
        var (first, second) = (cluster.Silos[0], cluster.Silos[1]);
        var key = (await ClusterTestHelpers.KeysOnAsync(cluster, second, 1, "looping"))[0];
        var request = Request(key, first);
        request.ForwardCount = first.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.MaxForwardCount;

        await Assert.ThrowsAsync<SiloUnavailableException>(
            () => first.Services.GetRequiredService<ISiloTransport>().SendAsync(first.Address, request, CancellationToken.None));
    }

    [Fact]
    public async Task With_a_shared_secret_silos_call_each_other_and_a_caller_without_it_is_refused()
    {
        await using var cluster = await TestClusters.StartAsync(configure: b => b
            .UseClustering()
            .WithSilos(2)
            .WithConfiguration("Runtime:Cluster:SharedSecret", "not-a-real-secret-test-only"));
        await cluster.WaitForMembershipAsync();
        var placements = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            placements.Add(await cluster.Client.GetGrain<IClusterTestGrain>($"secret-{i}").WhereAmI());
        }

        using var stranger = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var target = cluster.Silos[0].Address;
        using var content = new ByteArrayContent([1]);
        content.Headers.ContentType = new("application/x-pacificedge-grain");
        using var response = await stranger.PostAsync($"http://127.0.0.1:{target.Port}/pe/grain", content);

        Assert.Equal(2, placements.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_json_wire_format_works_end_to_end()
    {
        await using var cluster = await TestClusters.StartAsync(configure: b => b
            .UseClustering()
            .WithSilos(2)
            .WithConfiguration("Runtime:Cluster:WireFormat", "Json"));
        await cluster.WaitForMembershipAsync();

        var placements = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            placements.Add(await cluster.Client.GetGrain<IClusterTestGrain>($"json-{i}").Append(i));
        }

        Assert.Equal(2, placements.Count);
        await Assert.ThrowsAsync<TestDomainException>(() => cluster.Client.GetGrain<IEchoGrain>("json-thrower").Throw("declined"));
    }

    [Fact]
    public async Task A_death_timeout_longer_than_the_response_timeout_is_rejected_at_start_up()
    {
        var cluster = TestClusters.Builder().UseClustering()
            .WithConfiguration("Runtime:Cluster:DeathTimeout", TimeSpan.FromSeconds(40))
            .Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.DeployAsync());

        Assert.Contains("ResponseTimeout", error.Message);
    }

    private static GrainRequest Request(string key, TestSilo silo) => new()
    {
        Target = new GrainId("test-cluster", key),
        Interface = typeof(IClusterTestGrain).FullName!,
        Method = nameof(IClusterTestGrain.WhereAmI),
    };
}
