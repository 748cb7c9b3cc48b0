using System.Text.Json;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests.Telemetry;

public sealed class RequestLogTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pe-logs-").FullName;

    [Fact]
    public async Task A_request_is_logged_as_compact_json_in_the_rolling_file_with_method_path_status_elapsed_and_the_callers_correlation_id()
    {
        var file = Path.Combine(_directory, "pacificedge.log");
        await using var app = new SiloAppFactory(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Telemetry:Logging:FilePath"] = file,
            ["Telemetry:Logging:Json"] = "true",
        });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog?secret=not-logged");
        request.Headers.Add("X-Correlation-Id", "corr-request-log-test-1");

        using var response = await client.SendAsync(request);

        Assert.Equal("corr-request-log-test-1", response.Headers.GetValues("X-Correlation-Id").Single());
        var line = await Eventually.WaitAsync(
            () => Task.FromResult(ReadLines(file).FirstOrDefault(l => l.Contains("corr-request-log-test-1", StringComparison.Ordinal) && l.Contains("\"RequestPath\"", StringComparison.Ordinal))),
            l => l is not null, "the request's log event in the file");
        using var json = JsonDocument.Parse(line!);
        var e = json.RootElement;
        Assert.Equal("GET", e.GetProperty("RequestMethod").GetString());
        Assert.Equal("/api/catalog", e.GetProperty("RequestPath").GetString());
        Assert.Equal((int)response.StatusCode, e.GetProperty("StatusCode").GetInt32());
        Assert.True(e.GetProperty("Elapsed").GetDouble() >= 0);
        Assert.Equal("corr-request-log-test-1", e.GetProperty("CorrelationId").GetString());
        Assert.Equal(RequestLoggingTemplate, e.GetProperty("@mt").GetString());
        Assert.DoesNotContain("not-logged", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_correlation_header_the_response_echoes_the_requests_trace_id_and_the_log_carries_it()
    {
        var file = Path.Combine(_directory, "pacificedge.log");
        await using var app = new SiloAppFactory(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Telemetry:Logging:FilePath"] = file,
            ["Telemetry:Logging:Json"] = "false",
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/catalog");

        var id = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", id);
        await Eventually.WaitAsync(
            () => Task.FromResult(ReadLines(file).Any(l => l.Contains($"HTTP GET /api/catalog responded {(int)response.StatusCode}", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal))),
            found => found, "a text request line with the trace id");
    }

    [Fact]
    public async Task A_retained_file_count_of_zero_stops_the_process_at_start_up()
    {
        await using var app = new SiloAppFactory(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Telemetry:Logging:RetainedFileCount"] = "0",
        });

        // Program reports the invalid setting and returns exit code 2 before a host is built.
        var ex = Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("exited without ever building", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RetainedFileCount", Assert.Single(new PacificEdge.Silo.Telemetry.LogFileOptions { RetainedFileCount = 0 }.Problems()), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const string RequestLoggingTemplate = PacificEdge.Silo.Telemetry.RequestLogging.MessageTemplate;

    // The sink keeps the file open for writing; share it.
    private static IEnumerable<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
