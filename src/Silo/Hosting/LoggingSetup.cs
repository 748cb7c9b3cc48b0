using Microsoft.Extensions.Options;
using PacificEdge.Silo.Telemetry;
using Serilog;
using Serilog.Extensions.Hosting;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace PacificEdge.Silo.Hosting;

/// <summary>Serilog from the first line: a console logger until configuration is read, then the configured one.</summary>
public static class LoggingSetup
{
    // Start-up messages only; the configured logger (appsettings "Serilog") takes over once the host is built.
    private const string BootstrapTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {CorrelationId}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The logger used while the host is being built (configuration not read yet).</summary>
    public static Serilog.ILogger CreateBootstrapLogger()
        => new LoggerConfiguration().MinimumLevel.Information().WriteTo.Console(outputTemplate: BootstrapTemplate).CreateLogger();

    /// <summary>
    /// Replaces the host's logging providers with Serilog: levels (and any extra sinks) from the "Serilog" section,
    /// the console and the rolling file from <see cref="LogFileOptions"/>; compact JSON in production.
    /// </summary>
    public static void UseSerilog(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration.GetSection(LogFileOptions.SectionName).Get<LogFileOptions>() ?? new LogFileOptions();
        var problems = file.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(LogFileOptions.SectionName, typeof(LogFileOptions), problems);
        }

        var json = file.Json ?? builder.Environment.IsProduction();
        var configuration = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        if (json)
        {
            configuration.WriteTo.Console(new CompactJsonFormatter());
        }
        else
        {
            configuration.WriteTo.Console(outputTemplate: TextTemplate);
        }

        if (!string.IsNullOrWhiteSpace(file.FilePath))
        {
            // Size-limited and rolled by size only, so the directory never holds more than RetainedFileCount files.
            if (json)
            {
                configuration.WriteTo.File(new CompactJsonFormatter(), file.FilePath, fileSizeLimitBytes: file.FileSizeLimitBytes,
                    rollOnFileSizeLimit: true, retainedFileCountLimit: file.RetainedFileCount, shared: false);
            }
            else
            {
                configuration.WriteTo.File(file.FilePath, outputTemplate: FileTemplate, fileSizeLimitBytes: file.FileSizeLimitBytes,
                    rollOnFileSizeLimit: true, retainedFileCountLimit: file.RetainedFileCount, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var logger = configuration.CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(logger, dispose: true));
        // The request-logging middleware collects its properties here and writes through this logger (not the static Log).
        builder.Services.AddSingleton(new DiagnosticContext(logger));
        builder.Services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<DiagnosticContext>());
        builder.Services.AddSingleton(new RequestLogger(logger));
    }
}
