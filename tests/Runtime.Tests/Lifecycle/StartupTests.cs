using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Tests.Support;

namespace PacificEdge.Runtime.Tests.Lifecycle;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Runtime:Messaging:ResponseTimeout", "00:00:00", "ResponseTimeout")]
    [InlineData("Runtime:Collection:CollectionAge", "-00:00:01", "CollectionAge")]
    [InlineData("Runtime:Reminders:MinimumReminderPeriod", "00:00:00", "MinimumReminderPeriod")]
    public async Task Invalid_options_stop_the_silo_at_start_up_naming_the_setting(string key, string value, string expected)
    {
        var cluster = TestClusters.Builder().WithConfiguration(key, value).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.DeployAsync());

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_fails_at_start_up()
    {
        var cluster = TestClusters.Builder(postgres: " ").Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.DeployAsync());

        Assert.Contains("ConnectionString", error.Message);
    }
}
