namespace PacificEdge.Runtime.Tests.Reminders;

public sealed class ExponentialBackoffTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(7, 60)]          // 64 s capped at 60 s
    [InlineData(int.MaxValue, 60)] // no overflow
    public void Doubles_per_attempt_and_stops_at_the_cap(int attempt, int expectedSeconds)
        => Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ExponentialBackoff.Delay(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), attempt));
}
