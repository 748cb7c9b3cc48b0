using Microsoft.AspNetCore.Http;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.WebFrontend.Infrastructure;

namespace PacificEdge.Silo.Telemetry;

/// <summary>
/// Exceptions the front end answers as expected outcomes (a domain rule's 4xx, a malformed request, a 503 while a
/// silo fails over) are not errors: they are not sent to Sentry.
/// </summary>
public sealed class ExpectedFailureFilter : Sentry.Extensibility.IExceptionFilter
{
    public bool Filter(Exception ex) => ex is CommerceException or BadHttpRequestException or OperationCanceledException || RetryableFailure.IsRetryable(ex);
}
