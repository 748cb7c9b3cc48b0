namespace PacificEdge.Silo.Telemetry;

/// <summary>The configured Serilog logger, handed to the request-logging middleware (so it never falls back to the static <c>Log</c>).</summary>
public sealed record RequestLogger(Serilog.ILogger Logger);
