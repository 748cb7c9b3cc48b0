using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

public sealed class SandboxWebhookBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(7, 30)]
    [InlineData(1000, 30)]
    public void The_delay_doubles_per_attempt_up_to_the_cap_with_jitter_in_its_upper_half(int failedAttempts, int expectedSeconds)
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var delay = SandboxWebhookBackoff.Delay(failedAttempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), random);

            Assert.InRange(delay, TimeSpan.FromSeconds(expectedSeconds / 2.0), TimeSpan.FromSeconds(expectedSeconds));
        }
    }

    [Fact]
    public void A_zero_base_retries_at_once()
        => Assert.Equal(TimeSpan.Zero, SandboxWebhookBackoff.Delay(3, TimeSpan.Zero, TimeSpan.FromSeconds(30), new Random(1)));
}
