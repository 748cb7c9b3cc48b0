using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Payments;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

/// <summary>
/// One process's worth of the durable payment sandbox (gateway, outbox, delivery loop) on a database that several
/// instances may share. The loop runs only after <see cref="StartAsync"/>; disposing without starting it is a process
/// that died right after accepting.
/// </summary>
internal sealed class DurableSandboxInstance : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly IPaymentWebhookTransport sink;
    private bool started;

    public DurableSandboxInstance(string connectionString, Action<PaymentSandboxOptions>? configure = null, IPaymentWebhookTransport? transport = null)
    {
        var options = new PaymentSandboxOptions
        {
            WebhookSecret = SandboxGatewayHarness.Secret,
            DeliveryDelay = TimeSpan.Zero,
            DeliveryRetryBaseDelay = TimeSpan.FromMilliseconds(20),
            DeliveryRetryMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        dataSource = NpgsqlDataSource.Create(connectionString);
        sink = transport ?? new RecordingWebhookTransport();
        var signal = new SandboxWebhookSignal();
        Outbox = new SandboxWebhookOutbox(dataSource);
        Gateway = new PostgresSandboxPaymentGateway(
            dataSource, Options.Create(options), signal, TimeProvider.System, NullLogger<PostgresSandboxPaymentGateway>.Instance);
        Dispatcher = new SandboxWebhookDispatcher(
            Gateway, Outbox, sink, signal, Options.Create(options), TimeProvider.System, NullLogger<SandboxWebhookDispatcher>.Instance);
    }

    public RecordingWebhookTransport Transport => sink as RecordingWebhookTransport ?? throw new InvalidOperationException("This instance does not record deliveries.");

    public PostgresSandboxPaymentGateway Gateway { get; }

    public SandboxWebhookOutbox Outbox { get; }

    public SandboxWebhookDispatcher Dispatcher { get; }

    public async Task<DurableSandboxInstance> StartAsync()
    {
        await Dispatcher.StartAsync(CancellationToken.None);
        started = true;
        return this;
    }

    /// <summary>Delivered events in order, each checked against the signing secret first.</summary>
    public IReadOnlyList<PaymentWebhookParseResult> VerifiedEvents()
        => Transport.Delivered.Select(d =>
        {
            Assert.Equal(
                PaymentWebhookVerificationResult.Valid,
                PaymentWebhookSignature.Verify(d.Payload, d.SignatureHeader, [SandboxGatewayHarness.Secret], DateTimeOffset.UtcNow));
            return PaymentWebhookParser.Parse(d.Payload);
        }).ToList();

    /// <summary>Reads one webhook row's delivery state.</summary>
    public async Task<(string Status, int Attempts, string? LastError)> WebhookRowAsync(string eventId)
    {
        await using var command = dataSource.CreateCommand("SELECT status, attempts, last_error FROM payment_sandbox_webhooks WHERE event_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No webhook row for {eventId}.");
        return (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Event ids of every webhook row, oldest first.</summary>
    public async Task<IReadOnlyList<string>> WebhookEventIdsAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT event_id FROM payment_sandbox_webhooks ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            await Dispatcher.StopAsync(CancellationToken.None);
        }

        Dispatcher.Dispose();
        await dataSource.DisposeAsync();
    }
}
