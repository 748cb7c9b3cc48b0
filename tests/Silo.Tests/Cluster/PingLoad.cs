using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PacificEdge.Silo.Tests.Cluster;

/// <summary>One answer of <c>POST /cluster/ping/{key}</c>: 200 with the persisted count and the silo, or a failure.</summary>
/// <param name="Key">The grain key.</param>
/// <param name="At">When the answer arrived.</param>
/// <param name="Status">The HTTP status; 0 when the web process gave no HTTP answer at all.</param>
/// <param name="Count">The persisted count (200 only).</param>
/// <param name="Silo">The silo that ran the call (200 only).</param>
/// <param name="Detail">The problem detail or exception of a failure.</param>
public sealed record PingAnswer(string Key, DateTimeOffset At, int Status, long Count, string? Silo, string? Detail)
{
    public bool Ok => Status == 200;

    public override string ToString() => Ok ? $"{Key} {At:HH:mm:ss.fff} #{Count} on {Silo}" : $"{Key} {At:HH:mm:ss.fff} {Status}: {Detail}";
}

/// <summary>
/// Pings 200 grains through a web process, one sequential caller per key (so each key's acknowledged counts must
/// strictly increase), paced so that the load does not starve the silos' membership probes on a small machine.
/// </summary>
public sealed class PingLoad : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PingAnswer>> _answers = new();
    private readonly List<Task> _callers;

    private PingLoad(Uri web, IReadOnlyList<string> keys, TimeSpan pace)
    {
        // Longer than the Orleans response timeout (30 s), so a grain call that times out still answers (503).
        _http = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(50) };
        Keys = keys;
        foreach (var key in keys)
        {
            _answers[key] = new();
        }

        _callers = keys.Select(key => Task.Run(() => CallAsync(key, pace))).ToList();
    }

    public IReadOnlyList<string> Keys { get; }

    public static PingLoad Start(Uri web, string prefix, int keys = 200, TimeSpan? pace = null)
        => new(web, Enumerable.Range(0, keys).Select(i => $"{prefix}-{i}").ToList(), pace ?? TimeSpan.FromMilliseconds(200));

    public IReadOnlyList<PingAnswer> AnswersOf(string key) => [.. _answers[key]];

    public IReadOnlyList<PingAnswer> All => [.. _answers.Values.SelectMany(q => q).OrderBy(a => a.At)];

    public IReadOnlyList<PingAnswer> Failures => [.. All.Where(a => !a.Ok)];

    public long Acknowledged => _answers.Values.Sum(q => q.Count(a => a.Ok));

    /// <summary>The last acknowledged answer of <paramref name="key"/>, if any.</summary>
    public PingAnswer? LastOk(string key) => _answers[key].LastOrDefault(a => a.Ok);

    /// <summary>True when <paramref name="key"/> got an acknowledged answer after <paramref name="since"/> from a silo matching <paramref name="silo"/>.</summary>
    public bool AnsweredSince(string key, DateTimeOffset since, Func<string, bool>? silo = null)
        => _answers[key].Any(a => a.Ok && a.At > since && (silo is null || silo(a.Silo!)));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
    }

    /// <summary>Every key's acknowledged counts in arrival order; a key whose count did not strictly increase is a lost write.</summary>
    public IReadOnlyList<string> CountsThatWentBack()
        => [.. _answers
            .Select(p => (p.Key, Counts: p.Value.Where(a => a.Ok).Select(a => a.Count).ToList()))
            .Where(p => p.Counts.Zip(p.Counts.Skip(1)).Any(c => c.Second <= c.First))
            .Select(p => $"{p.Key}: {string.Join(",", p.Counts)}")];

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }

    /// <summary>One ping outside the load (e.g. the final check); never throws for an HTTP failure.</summary>
    public static async Task<PingAnswer> PingAsync(HttpClient http, string key, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.PostAsync($"/cluster/ping/{key}", null, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var ping = JsonSerializer.Deserialize<JsonElement>(body);
                return new PingAnswer(key, DateTimeOffset.UtcNow, 200, ping.GetProperty("count").GetInt64(), ping.GetProperty("silo").GetString(), null);
            }

            return new PingAnswer(key, DateTimeOffset.UtcNow, (int)response.StatusCode, 0, null, body.Length > 400 ? body[..400] : body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new PingAnswer(key, DateTimeOffset.UtcNow, 0, 0, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task CallAsync(string key, TimeSpan pace)
    {
        var token = _stop.Token;
        var log = _answers[key];
        // Spread the callers' first calls so 200 of them do not start in one burst.
        var offset = TimeSpan.FromMilliseconds(Random.Shared.Next((int)pace.TotalMilliseconds + 1));
        try
        {
            await Task.Delay(offset, token);
            while (!token.IsCancellationRequested)
            {
                PingAnswer answer;
                try
                {
                    answer = await PingAsync(_http, key, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break; // stopped mid-call: not an answer
                }

                log.Enqueue(answer);
                await Task.Delay(pace, token); // pacing (load shaping), not synchronisation
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }
}
