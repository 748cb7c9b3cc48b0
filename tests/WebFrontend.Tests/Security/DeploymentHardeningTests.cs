using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Security;

/// <summary>Settings an operator might get wrong cannot open a hole: forwarded headers and the stored key ring.</summary>
public sealed class DeploymentHardeningTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Forwarded_headers_from_an_unlisted_peer_are_ignored_even_with_aspnetcores_switch_on()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED as a setting: ASP.NET would then believe X-Forwarded-For from anyone.
        await using var app = new StoreApp(await database.CreateExtraDatabaseAsync(), new Dictionary<string, string> { ["FORWARDEDHEADERS_ENABLED"] = "true" }).Start();
        var client = app.NewClient();
        var email = $"target-{Guid.NewGuid():N}@example.test";

        // Rotating X-Forwarded-For must not give each attempt a fresh address for the login throttle.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password = "wrong-password-123" }) };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task The_data_protection_key_ring_is_stored_sealed()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var app = new StoreApp(connectionString).Start();
        var admin = await app.SignedInAdminAsync(); // issuing the cookie creates the first key

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys");
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("KeyRingDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
