using Serilog;
using Serilog.Extensions.Logging;

namespace PacificEdge.Silo.Hosting;

/// <summary>Serilog from the first line: a console logger until configuration is read, then the configured one.</summary>
public static class LoggingSetup
{
    // Start-up messages only; the configured logger (appsettings "Serilog") takes over once the host is built.
    private const string BootstrapTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>The logger used while the host is being built (configuration not read yet).</summary>
    public static Serilog.ILogger CreateBootstrapLogger()
        => new LoggerConfiguration().MinimumLevel.Information().WriteTo.Console(outputTemplate: BootstrapTemplate).CreateLogger();

    /// <summary>Replaces the host's logging providers with Serilog configured from the "Serilog" section.</summary>
    public static void UseSerilog(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(logger, dispose: true));
    }
}
