using Sentry.AspNetCore;
using Sentry.Extensibility;

namespace PacificEdge.Silo.Telemetry;

/// <summary>Sentry error tracking, on only when <c>SENTRY_DSN</c> is set.</summary>
public static class ErrorTracking
{
    public const string DsnVariable = "SENTRY_DSN";

    public static void AddErrorTracking(this WebApplicationBuilder builder)
    {
        var dsn = builder.Configuration[DsnVariable];
        if (string.IsNullOrWhiteSpace(dsn))
        {
            return;
        }

        // Checked here so a malformed value stops start-up with a message that does not repeat it.
        if (!Uri.TryCreate(dsn, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length == 0 || uri.AbsolutePath.Length < 2)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(DsnVariable, typeof(string),
                [$"{DsnVariable} must be a Sentry DSN (https://<key>@<host>/<project>)."]);
        }

        builder.WebHost.UseSentry(o => Configure(o, dsn, builder.Environment.EnvironmentName));
    }

    private static void Configure(SentryAspNetCoreOptions o, string dsn, string environment)
    {
        o.Dsn = dsn;
        o.Environment = environment;
        // No user names, IP addresses, cookies or request bodies (card data arrives in bodies); the scrubber
        // removes what else could carry secrets.
        o.SendDefaultPii = false;
        o.MaxRequestBodySize = RequestSize.None;
        // Its breadcrumbs would record partner URLs (the chat webhook's is a secret); failed partner calls are
        // expected conditions, handled and logged by the callers.
        o.DisableSentryHttpMessageHandler = true;
        o.CaptureFailedRequests = false;
        // Traces go through OpenTelemetry; Sentry is for errors only.
        o.TracesSampleRate = 0;
        o.AutoSessionTracking = false;
        o.SendClientReports = false;
        o.MinimumEventLevel = Microsoft.Extensions.Logging.LogLevel.Error;
        o.MinimumBreadcrumbLevel = Microsoft.Extensions.Logging.LogLevel.Information;
        o.AddExceptionFilter(new ExpectedFailureFilter());
        o.SetBeforeSend((e, _) => SentryScrubber.Scrub(e));
        o.SetBeforeBreadcrumb((b, _) => SentryScrubber.Scrub(b));
    }
}
