using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.WebFrontend.Api;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Infrastructure;

/// <summary>
/// Turns exceptions into RFC 7807 problem details. Domain errors keep their (user-safe) message and
/// stable code; anything else is a generic 500 with the correlation id — never a stack trace or an
/// internal message.
/// </summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            // Any route (admin too): malformed JSON, a wrong type, a missing body or an unparsable parameter.
            var failure = RequestReadFailure.From(bad);
            return await WriteAsync(context, exception, failure.Status, failure.Code, failure.Title, failure.Detail,
                failure.Field is null ? null : new Dictionary<string, object?> { ["field"] = failure.Field });
        }

        if (exception is RequestValidationException invalid)
        {
            return await WriteAsync(context, exception, 400, RequestValidationException.Code, "The request is not valid.", invalid.Message,
                new Dictionary<string, object?> { ["field"] = invalid.Field, ["errors"] = invalid.Errors });
        }

        var (status, code, title, detail) = exception switch
        {
            ValidationException e => (400, e.Code, "The request is not valid.", e.Message),
            InvalidSetupTokenException e => (400, e.Code, "The link is not valid.", e.Message),
            PacificEdge.Grains.Interfaces.Newsletter.InvalidUnsubscribeLinkException e => (400, e.Code, "The link is not valid.", e.Message),
            UnknownSkuException e => (404, e.Code, "Unknown product.", e.Message),
            NotFoundException e => (404, e.Code, "Not found.", e.Message),
            OutOfStockException e => (409, e.Code, "Out of stock.", e.Message),
            InsufficientPointsException e => (409, e.Code, "Not enough points.", e.Message),
            IllegalTransitionException e => (409, e.Code, "Not allowed in the order's current state.", e.Message),
            ConflictException e => (409, e.Code, "Conflict.", e.Message),
            GuestLimitException e => (422, e.Code, "Guest checkout limit reached.", e.Message),
            PaymentFailedException e => (402, e.Code, "Payment failed.", e.Message),
            _ when RetryableFailure.IsRetryable(exception) => (503, "unavailable", "The service is briefly unavailable.", "Please try again shortly."),
            _ => (500, "internal_error", "An unexpected error occurred.", "The error was logged; quote the correlation id when reporting it."),
        };

        if (status == 503)
        {
            // Expected while a silo fails over or the database restarts: a warning, not an error.
            LogRetryable(exception.GetType().Name, context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = RetryableFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            LogUnhandled(exception, context.Request.Method, context.Request.Path);
        }

        return await WriteAsync(context, exception, status, code, title, detail, null);
    }

    private async ValueTask<bool> WriteAsync(HttpContext context, Exception exception, int status, string code, string title, string detail,
        IDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://pacificedge.example/problems/{code}",
            Extensions = { [ProblemCodes.Extension] = code },
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retryable failure {ExceptionType} on {Method} {Path}: answered 503")]
    private partial void LogRetryable(string exceptionType, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
