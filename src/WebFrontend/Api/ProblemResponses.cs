using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PacificEdge.WebFrontend.Api;

/// <summary>
/// Declares the problem+json answers an endpoint can give in the OpenAPI document. Those come from exceptions mapped
/// by ProblemMapping (the house pattern), so the typed results alone cannot show them.
/// </summary>
public static class ProblemResponses
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>Every endpoint that reads a body can answer 400 (malformed JSON, a field) and 413 (too large).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder, params int[] more)
        => builder.ProducesProblems([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, .. more]);
}
