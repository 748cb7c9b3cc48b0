using System.Text.RegularExpressions;

namespace PacificEdge.Deploy.Tests.Support;

/// <summary>
/// General image rules (a small, offline stand-in for hadolint): multi-stage, pinned base images, a numeric
/// non-root USER and a HEALTHCHECK in the final stage, no ADD of URLs, no secrets in ENV/ARG, COPY --from only of
/// earlier stages. Returns one message per violation.
/// </summary>
public static partial class DockerfileLint
{
    public static IReadOnlyList<string> Check(string text)
    {
        Dockerfile file;
        try
        {
            file = Dockerfile.Parse(text);
        }
        catch (FormatException ex)
        {
            return [$"unparseable: {ex.Message}"];
        }

        var problems = new List<string>();
        if (file.Stages.Count == 0)
        {
            return ["no FROM instruction"];
        }

        if (file.Stages.Count < 2)
        {
            problems.Add("not multi-stage: build in one stage and copy only the output into a runtime stage");
        }

        var globalArgs = file.GlobalArgs
            .SelectMany(Dockerfile.Assignments)
            .Where(a => a.Value is not null)
            .GroupBy(a => a.Name)
            .ToDictionary(g => g.Key, g => g.Last().Value!, StringComparer.Ordinal);
        var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in file.Stages)
        {
            var image = ArgReference().Replace(stage.Image, m =>
                globalArgs.TryGetValue(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, out var v) ? v : m.Value);
            if (!stageNames.Contains(image))
            {
                if (image.Contains('$', StringComparison.Ordinal))
                {
                    problems.Add($"line {stage.Line}: base image {stage.Image} uses a variable without a default; cannot verify it is pinned");
                }
                else if (PinProblem(image) is { } pin)
                {
                    problems.Add($"line {stage.Line}: base image {image} {pin}");
                }
            }

            if (stage.Name is not null)
            {
                stageNames.Add(stage.Name);
            }

            foreach (var copy in stage.All("COPY").Where(c => c.Flags.ContainsKey("from")))
            {
                var from = copy.Flags["from"];
                if (!stageNames.Contains(from) && !(int.TryParse(from, out var n) && n < stage.Index) && PinProblem(from) is { } fromPin)
                {
                    problems.Add($"{copy}: --from={from} is neither an earlier stage nor a pinned image ({fromPin})");
                }
            }
        }

        var final = file.FinalStage;
        var user = final.All("USER").LastOrDefault();
        if (user is null)
        {
            problems.Add("final stage has no USER: the container would run as root");
        }
        else
        {
            var name = user.Arguments.Split(':')[0].Trim();
            if (!long.TryParse(name, out var uid))
            {
                problems.Add($"{user}: use a numeric user id, so Kubernetes can verify runAsNonRoot");
            }
            else if (uid == 0)
            {
                problems.Add($"{user}: the final stage runs as root");
            }
        }

        var healthcheck = final.All("HEALTHCHECK").LastOrDefault();
        if (healthcheck is null || healthcheck.Arguments.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("final stage has no HEALTHCHECK");
        }

        foreach (var add in file.Instructions.Where(i => i.Keyword == "ADD"))
        {
            if (add.Words.SkipLast(1).Any(w => w.Contains("://", StringComparison.Ordinal) || w.StartsWith("git@", StringComparison.Ordinal)))
            {
                problems.Add($"{add}: ADD of a URL (download in a RUN step with a checksum, or COPY a vendored file)");
            }
        }

        foreach (var assignment in file.Instructions.Where(i => i.Keyword is "ENV" or "ARG"))
        {
            foreach (var (name, value) in Dockerfile.Assignments(assignment))
            {
                if (SecretHeuristics.IsSecretName(name))
                {
                    problems.Add($"{assignment}: {name} looks like a secret; secrets come from the environment at run time, never from the image");
                }
                else if (value is not null && SecretHeuristics.LooksLikeSecret(value))
                {
                    problems.Add($"{assignment}: the value of {name} looks like a secret");
                }
            }
        }

        return problems;
    }

    /// <summary>Null when the image reference has a digest or an explicit tag other than latest.</summary>
    public static string? PinProblem(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0)
        {
            return "has no tag (implicitly :latest)";
        }

        var tag = image[(colon + 1)..];
        return tag.Length == 0 || tag.Equals("latest", StringComparison.OrdinalIgnoreCase) ? "uses :latest" : null;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ArgReference();
}
