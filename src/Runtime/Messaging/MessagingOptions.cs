namespace PacificEdge.Runtime.Messaging;

/// <summary>Options for grain calls.</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runtime:Messaging";

    /// <summary>
    /// How long a caller waits for a response before the call fails with a <see cref="TimeoutException"/>.
    /// Default 30 s, as in Orleans.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a call may be forwarded between silos before it fails. Default 2.</summary>
    public int MaxForwardCount { get; set; } = 2;
}
