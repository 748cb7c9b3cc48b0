using Microsoft.AspNetCore.Http;

namespace PacificEdge.WebFrontend.Infrastructure;

/// <summary>
/// The stable <c>code</c> of a problem that no handler named: a bare status (401 from the cookie handler, 404 for an
/// unknown route, 405, 429 from the rate limiter) still reaches clients with a code they can switch on.
/// </summary>
public static class ProblemCodes
{
    public const string Extension = "code";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status406NotAcceptable => "not_acceptable",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "body_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        >= 500 => "internal_error",
        _ => "request_failed",
    };

    /// <summary>Adds the status's code unless the problem already carries one (a handler's own code wins).</summary>
    public static void EnsureCode(Microsoft.AspNetCore.Mvc.ProblemDetails problem, int status)
    {
        if (!problem.Extensions.ContainsKey(Extension))
        {
            problem.Extensions[Extension] = ForStatus(status);
        }
    }
}
