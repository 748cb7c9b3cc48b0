using Microsoft.AspNetCore.Http;

namespace PacificEdge.WebFrontend.Infrastructure;

/// <summary>
/// A stable <c>code</c> for problems written from a bare status (401/403 from authorization, 404 for no route,
/// 405, 415, 429 from the rate limiter) that no exception or handler gave a code, so every 4xx carries one.
/// </summary>
public static class StatusProblemCodes
{
    public static void AddFallbackCode(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("code"))
        {
            return;
        }

        var code = context.ProblemDetails.Status switch
        {
            StatusCodes.Status400BadRequest => "bad_request",
            StatusCodes.Status401Unauthorized => "unauthorized",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not_found",
            StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
            StatusCodes.Status413PayloadTooLarge => "payload_too_large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
            StatusCodes.Status429TooManyRequests => "rate_limited",
            _ => null,
        };
        if (code is not null)
        {
            context.ProblemDetails.Extensions["code"] = code;
        }
    }
}
