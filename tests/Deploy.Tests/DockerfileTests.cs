using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>
/// The Dockerfile(s) in deploy/docker cannot be built here (no Docker engine), so they are parsed and checked:
/// the general rules of <see cref="DockerfileLint"/> plus the process contract of PacificEdge.Silo.dll.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => new(
        Directory.GetFiles(RepoPaths.Docker, "*Dockerfile*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".dockerignore", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .Order(StringComparer.Ordinal));

    private static Dockerfile Main => Dockerfile.Load(Path.Combine(RepoPaths.Docker, "Dockerfile"));

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Passes_the_lint_rules(string path)
    {
        var problems = DockerfileLint.Check(File.ReadAllText(Path.Combine(RepoPaths.Root, path)));
        Assert.True(problems.Count == 0, $"{path}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copies_only_paths_that_exist_in_the_build_context(string path)
    {
        // The build context is the repository root; a renamed project must not silently break the image build.
        foreach (var copy in Dockerfile.Load(Path.Combine(RepoPaths.Root, path)).Instructions.Where(i => i.Keyword is "COPY" or "ADD" && !i.Flags.ContainsKey("from")))
        {
            foreach (var source in copy.Words.SkipLast(1))
            {
                var full = Path.Combine(RepoPaths.Root, source);
                Assert.True(File.Exists(full) || Directory.Exists(full), $"{path} {copy}: {source} does not exist in the repository");
            }
        }
    }

    [Fact]
    public void Builds_the_front_end_packages_and_publishes_the_silo()
    {
        var file = Main;
        var runs = file.Instructions.Where(i => i.Keyword == "RUN").Select(i => i.Arguments).ToList();
        Assert.Contains(runs, r => r.Contains("npm ci", StringComparison.Ordinal) && r.Contains("package.json", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("dotnet publish src/Silo/PacificEdge.Silo.csproj", StringComparison.Ordinal));
        Assert.Contains(file.Stages, s => s.Image.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_stage_follows_the_process_contract()
    {
        var final = Main.FinalStage;
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", final.Image, StringComparison.Ordinal);

        var exposed = final.All("EXPOSE").SelectMany(e => e.Words).Select(p => p.Split('/')[0]).ToHashSet();
        // HTTP, Orleans silo-to-silo, Orleans gateway.
        Assert.Superset(new HashSet<string> { "8080", "11111", "30000" }, exposed);

        // Exec form: dotnet is PID 1 and gets SIGTERM itself (graceful silo shutdown); the mode comes from the
        // environment (PACIFICEDGE_MODE) or an extra argument.
        var entrypoint = Assert.Single(final.All("ENTRYPOINT"));
        Assert.True(entrypoint.IsJsonForm, "ENTRYPOINT must use the exec (JSON) form");
        Assert.Equal(["dotnet", "PacificEdge.Silo.dll"], entrypoint.Words);

        var env = final.All("ENV").SelectMany(Dockerfile.Assignments).ToDictionary(a => a.Name, a => a.Value);
        Assert.Equal("http://+:8080", env.GetValueOrDefault("ASPNETCORE_URLS"));
        Assert.True(env.ContainsKey("PACIFICEDGE_MODE"), "the image should state its default mode");

        var healthcheck = Assert.Single(final.All("HEALTHCHECK"));
        Assert.Contains("/health/live", healthcheck.Arguments, StringComparison.Ordinal);
        Assert.Contains("8080", healthcheck.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_user_matches_the_pods_run_as_user()
    {
        var uid = long.Parse(Main.FinalStage.All("USER").Last().Arguments.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var overlay in RepoPaths.OverlayNames())
        {
            foreach (var deployment in Rendering.Of(overlay).AppDeployments)
            {
                Assert.Equal(uid, KubeObject.Integer(deployment.PodSpec["securityContext"]?["runAsUser"]));
            }
        }
    }

    [Fact]
    public void Has_its_own_ignore_file_excluding_build_output_and_local_data()
    {
        // BuildKit reads <Dockerfile>.dockerignore next to the Dockerfile before the context root's .dockerignore.
        var ignore = File.ReadAllLines(Path.Combine(RepoPaths.Docker, "Dockerfile.dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet();
        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "**/node_modules/", ".git/", ".data/" }, ignore);
    }

    [Theory]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:10.0\nUSER 1654\nHEALTHCHECK CMD true\n", "not multi-stage")]
    [InlineData("FROM node AS a\nFROM a\nUSER 1\nHEALTHCHECK CMD true\n", "node has no tag")]
    [InlineData("FROM node:latest AS a\nFROM a\nUSER 1\nHEALTHCHECK CMD true\n", "uses :latest")]
    [InlineData("ARG TAG\nFROM node:${TAG} AS a\nFROM a\nUSER 1\nHEALTHCHECK CMD true\n", "without a default")]
    [InlineData("FROM node:22 AS a\nFROM node:22\nHEALTHCHECK CMD true\n", "no USER")]
    [InlineData("FROM node:22 AS a\nFROM node:22\nUSER root\nHEALTHCHECK CMD true\n", "numeric user id")]
    [InlineData("FROM node:22 AS a\nFROM node:22\nUSER 0:0\nHEALTHCHECK CMD true\n", "runs as root")]
    [InlineData("FROM node:22 AS a\nHEALTHCHECK CMD true\nFROM node:22\nUSER 1\n", "no HEALTHCHECK")]
    [InlineData("FROM node:22 AS a\nFROM node:22\nUSER 1\nHEALTHCHECK NONE\n", "no HEALTHCHECK")]
    [InlineData("FROM node:22 AS a\nADD --chmod=644 https://example.com/x.tgz /x\nFROM node:22\nUSER 1\nHEALTHCHECK CMD true\n", "ADD of a URL")]
    [InlineData("FROM node:22 AS a\nFROM node:22\nENV DB_PASSWORD=x\nUSER 1\nHEALTHCHECK CMD true\n", "DB_PASSWORD looks like a secret")]
    [InlineData("FROM node:22 AS a\nARG STRIPE_KEY=sk_live_abc\nFROM node:22\nUSER 1\nHEALTHCHECK CMD true\n", "value of STRIPE_KEY")]
    [InlineData("FROM node:22 AS a\nFROM node:22\nENV Commerce__Shipping__ApiKey \\\n    abc\nUSER 1\nHEALTHCHECK CMD true\n", "ApiKey looks like a secret")]
    [InlineData("FROM node:22 AS a\nFROM node:22\nCOPY --from=missing /a /b\nUSER 1\nHEALTHCHECK CMD true\n", "--from=missing")]
    [InlineData("FROM node:22 AS a\nRUN <<EOF\necho hi\nEOF\nFROM node:22\nUSER 1\nHEALTHCHECK CMD true\n", "heredocs")]
    public void Lint_rules_catch_violations(string dockerfile, string expected)
    {
        var problems = DockerfileLint.Check(dockerfile);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_accepts_a_clean_file_with_continuations_comments_and_global_args()
    {
        const string text = """
            # syntax=docker/dockerfile:1
            ARG NODE_TAG=22-bookworm-slim
            FROM --platform=linux/amd64 node:${NODE_TAG} AS build
            # a comment
            RUN echo one \
                # a comment inside a continuation
                && echo two
            FROM mcr.microsoft.com/dotnet/aspnet:10.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            COPY --from=build /out /app
            ENV A=1 B="two words"
            USER 1654:1654
            HEALTHCHECK --interval=30s CMD ["true"]
            ENTRYPOINT ["dotnet", "x.dll"]
            """;
        Assert.Empty(DockerfileLint.Check(text));
        var file = Dockerfile.Parse(text);
        Assert.Equal(2, file.Stages.Count);
        Assert.Equal("echo one && echo two", file.Stages[0].All("RUN").Single().Arguments.Replace("  ", " ", StringComparison.Ordinal).Trim());
        Assert.Equal([("A", (string?)"1"), ("B", "two words")], Dockerfile.Assignments(file.FinalStage.All("ENV").Single()));
    }
}
