using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Testing;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using Request = WireMock.RequestBuilders.Request;

namespace PacificEdge.Silo.Tests.Telemetry;

public sealed class SentryTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private const string Signature = "t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";

    private readonly WireMockServer _sentry = StartSentry();

    [Fact]
    public async Task With_SENTRY_DSN_an_unhandled_exception_reaches_the_listener_without_card_data_secrets_cookies_or_signatures()
    {
        await using var app = new SiloAppFactory(database.ConnectionString,
            settings: new Dictionary<string, string> { ["SENTRY_DSN"] = $"{_sentry.Url!.Replace("http://", "http://publickey@", StringComparison.Ordinal)}/42" },
            services: s => s.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ThrowingEndpoint.Path + "?token=query-token-not-sent")
        {
            Content = new StringContent("{\"card\":\"4000056655665556\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", "pe.auth=cookie-value-not-sent");
        request.Headers.Add("Authorization", "Bearer bearer-not-sent");
        request.Headers.Add("Stripe-Signature", Signature);
        request.Headers.Add("X-Webhook-Token", "shipping-token-not-sent");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var envelope = await Eventually.WaitAsync(
            () => Task.FromResult(Envelopes().FirstOrDefault(b => b.Contains("InvalidOperationException", StringComparison.Ordinal) && b.Contains("Boom from the test host", StringComparison.Ordinal))),
            b => b is not null, "the exception's event at the Sentry listener");
        Assert.Contains("[card]", envelope, StringComparison.Ordinal);
        Assert.Contains(ThrowingEndpoint.Path, envelope, StringComparison.Ordinal);
        foreach (var leaked in new[] { "4242 4242 4242 4242", "whsec_abcdef", "4000056655665556", "cookie-value-not-sent", "bearer-not-sent", "5257a869e7ecebeda32affa62cdca3fa", "shipping-token-not-sent", "query-token-not-sent" })
        {
            var all = string.Join('\n', Envelopes());
            var at = all.IndexOf(leaked, StringComparison.Ordinal);
            Assert.True(at < 0, $"{leaked} sent: …{(at < 0 ? "" : all[Math.Max(0, at - 600)..Math.Min(all.Length, at + 200)])}…");
        }
    }

    [Fact]
    public async Task A_domain_rule_answered_as_4xx_is_not_sent()
    {
        await using var app = new SiloAppFactory(database.ConnectionString,
            settings: new Dictionary<string, string> { ["SENTRY_DSN"] = $"{_sentry.Url!.Replace("http://", "http://publickey@", StringComparison.Ordinal)}/42" },
            services: s => s.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        using var client = app.CreateClient();

        // A malformed cart id: a ValidationException the front end answers 400; then a real error, so the order of arrival shows the first was dropped.
        using var missing = await client.GetAsync("/api/carts/not-a-cart-id");
        using var boom = await client.PostAsync(ThrowingEndpoint.Path, null);

        Assert.True((int)missing.StatusCode is >= 400 and < 500, $"expected a 4xx, got {(int)missing.StatusCode}");
        await Eventually.WaitAsync(() => Task.FromResult(Envelopes().Any(b => b.Contains("Boom from the test host", StringComparison.Ordinal))), found => found, "the real error's event");
        Assert.DoesNotContain(Envelopes(), b => b.Contains("NotFoundException", StringComparison.Ordinal) || b.Contains("ValidationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_dsn_stops_the_process_at_start_up()
    {
        await using var app = new SiloAppFactory(database.ConnectionString, settings: new Dictionary<string, string> { ["SENTRY_DSN"] = "not-a-dsn" });

        // Program reports the setting (exit code 2) before a host is built.
        var ex = Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("exited without ever building", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _sentry.Stop();
        _sentry.Dispose();
    }

    private List<string> Envelopes() =>
        [.. _sentry.LogEntries.Where(e => e.RequestMessage.Path.EndsWith("/envelope/", StringComparison.Ordinal)).Select(e => e.RequestMessage.Body ?? string.Empty)];

    private static WireMockServer StartSentry()
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreeTcpPort.Pick()}"] });
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
        return server;
    }
}
