using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Testing;
using Xunit.Abstractions;

namespace PacificEdge.Silo.Tests;

/// <summary>
/// Separate OS processes on loopback: two silos and a web front end that hosts no grains. A silo
/// is killed with SIGKILL during calls; the web process keeps answering from the survivor, and the
/// killed silo, restarted on its address, rejoins as a new generation.
/// </summary>
public sealed class ClusterProcessTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Keys = 24;

    [Fact]
    public async Task The_web_process_keeps_answering_while_a_silo_process_is_killed_and_the_restarted_silo_rejoins_with_a_new_generation()
    {
        var clusterId = $"proc-{Guid.NewGuid():N}";
        var processes = new List<SiloProcess>();
        try
        {
            var first = Track(SiloProcess.Start("silo", database.ConnectionString, clusterId));
            await first.WaitReadyAsync(); // applies the migrations before the others start
            var second = Track(SiloProcess.Start("silo", database.ConnectionString, clusterId));
            var web = Track(SiloProcess.Start("web", database.ConnectionString, clusterId));
            await second.WaitReadyAsync();
            await web.WaitReadyAsync();
            await WaitForActiveAsync(web, count: 2);

            var results = new ConcurrentDictionary<string, ConcurrentQueue<(long Count, string Silo, DateTimeOffset At)>>();
            var webFailures = new ConcurrentQueue<string>();
            var unavailable = 0L;
            using var stop = new CancellationTokenSource();
            var keys = Enumerable.Range(0, Keys).Select(i => $"proc-{i}").ToList();
            keys.ForEach(k => results[k] = new());
            var callers = keys.Chunk(Keys / 6).Select(chunk => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var key in chunk)
                    {
                        try
                        {
                            using var response = await web.Http.PostAsync($"/cluster/ping/{key}", null);
                            if (response.StatusCode == HttpStatusCode.OK)
                            {
                                var ping = (await response.Content.ReadFromJsonAsync<JsonElement>())!;
                                results[key].Enqueue((ping.GetProperty("count").GetInt64(), ping.GetProperty("silo").GetString()!, DateTimeOffset.UtcNow));
                            }
                            else
                            {
                                // A call cut off by the kill has an unknown outcome: the endpoint says so (503) and the caller tries again.
                                Interlocked.Increment(ref unavailable);
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                        {
                            webFailures.Enqueue($"{key}: {ex.Message}");
                        }
                    }
                }
            })).ToList();

            await WaitUntilAsync(() => keys.All(k => results[k].Count >= 2), "every key answered twice");
            var victimSilo = results.Values.SelectMany(r => r).GroupBy(r => r.Silo).OrderByDescending(g => g.Count()).First().Key;
            var victim = victimSilo.StartsWith($"127.0.0.1:{first.SiloPort}@", StringComparison.Ordinal) ? first : second;
            var survivor = victim == first ? second : first;
            var victimKeys = keys.Where(k => results[k].Last().Silo == victimSilo).ToList();

            var killedAt = DateTimeOffset.UtcNow;
            victim.Kill();
            await WaitUntilAsync(
                () => victimKeys.All(k => results[k].Count(r => r.At > killedAt && r.Silo != victimSilo) >= 2),
                "the killed silo's grains answered by the survivor");
            var failoverSeconds = victimKeys.Max(k => (results[k].First(r => r.At > killedAt && r.Silo != victimSilo).At - killedAt).TotalSeconds);

            // The killed silo comes back on the same silo port as a new incarnation.
            var restarted = Track(SiloProcess.Start("silo", database.ConnectionString, clusterId, victim.SiloPort));
            await restarted.WaitReadyAsync();
            var silos = await WaitForActiveAsync(web, count: 2);
            await stop.CancelAsync();
            await Task.WhenAll(callers);

            Assert.Empty(webFailures); // the web process answered every request
            foreach (var key in keys)
            {
                var counts = results[key].Select(r => r.Count).ToList();
                // Each key has one caller: its persisted count only ever grows (no acknowledged write lost).
                Assert.True(counts.Zip(counts.Skip(1)).All(p => p.Second > p.First), $"{key}: {string.Join(",", counts)}");
            }

            var oldGeneration = long.Parse(victimSilo[(victimSilo.IndexOf('@') + 1)..]);
            var rows = silos.Where(s => s.GetProperty("port").GetInt32() == victim.SiloPort).ToList();
            Assert.Contains(rows, r => r.GetProperty("status").GetString() == "Dead" && r.GetProperty("generation").GetInt64() == oldGeneration);
            Assert.Contains(rows, r => r.GetProperty("status").GetString() == "Active" && r.GetProperty("generation").GetInt64() > oldGeneration);
            output.WriteLine($"kill -9 to every grain served by the survivor: {failoverSeconds:F1} s; {Interlocked.Read(ref unavailable)} calls answered 503 (outcome unknown) during the failover");

            // SIGTERM: the survivor leaves gracefully (Dead in the table) and exits well within its shutdown timeout.
            await survivor.TerminateAsync(TimeSpan.FromSeconds(40));
            Assert.Equal(0, survivor.ExitCode);
            var afterExit = await WaitForActiveAsync(web, count: 1);
            Assert.Contains(afterExit, r => r.GetProperty("port").GetInt32() == survivor.SiloPort && r.GetProperty("status").GetString() == "Dead");
        }
        catch
        {
            foreach (var process in processes)
            {
                output.WriteLine($"--- {process.Mode} (http {process.HttpPort}, silo port {process.SiloPort}) ---{Environment.NewLine}{process.Output}");
            }

            throw;
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        SiloProcess Track(SiloProcess process)
        {
            processes.Add(process);
            return process;
        }
    }

    private static async Task<List<JsonElement>> WaitForActiveAsync(SiloProcess web, int count)
    {
        List<JsonElement> silos = [];
        await WaitUntilAsync(async () =>
        {
            var view = await web.Http.GetFromJsonAsync<JsonElement>("/cluster/silos");
            silos = view.GetProperty("silos").EnumerateArray().ToList();
            return silos.Count(s => s.GetProperty("status").GetString() == "Active") == count;
        }, $"{count} active silos in the web process's view");
        return silos;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            try
            {
                await Task.Delay(200, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
        }
    }
}
