using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Problem answers of the admin API, each with its stable <c>code</c> (the same shape ProblemMapping gives exceptions).</summary>
public static class AdminProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail)
        => TypedResults.Problem(detail, statusCode: status, title: title, type: $"https://pacificedge.example/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult NotFound(string code, string detail) => Create(StatusCodes.Status404NotFound, code, "Not found.", detail);

    public static ProblemHttpResult Conflict(string code, string title, string detail) => Create(StatusCodes.Status409Conflict, code, title, detail);
}
