using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PacificEdge.Deploy.Tests.Support;

/// <summary>One instruction of a Dockerfile after line continuations are joined and comments removed.</summary>
/// <param name="Keyword">Upper-case instruction name (FROM, RUN, ...).</param>
/// <param name="Flags">Leading <c>--name=value</c> options (COPY --from=..., HEALTHCHECK --interval=...).</param>
/// <param name="Arguments">The rest of the instruction, flags removed.</param>
/// <param name="Line">1-based line where the instruction starts.</param>
/// <param name="Stage">Index of the build stage (0 = first FROM); -1 for ARGs before the first FROM.</param>
public sealed record DockerInstruction(string Keyword, IReadOnlyDictionary<string, string> Flags, string Arguments, int Line, int Stage)
{
    /// <summary>Whether the arguments use the JSON (exec) form.</summary>
    public bool IsJsonForm => Arguments.TrimStart().StartsWith('[');

    /// <summary>The JSON-form arguments, or the whitespace-separated words of the shell form.</summary>
    public IReadOnlyList<string> Words =>
        IsJsonForm ? JsonSerializer.Deserialize<string[]>(Arguments) ?? [] : Dockerfile.SplitWords(Arguments);

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}

/// <summary>One build stage: FROM image [AS name] and what follows it.</summary>
public sealed record DockerStage(int Index, string Image, string? Name, int Line, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}

/// <summary>
/// A small Dockerfile reader, enough for lint rules: parser directives (escape), comments, line continuations,
/// flags, JSON and shell forms, stages. Heredocs are rejected (the rules could not see inside them).
/// </summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<DockerStage> stages)
    {
        Instructions = instructions;
        Stages = stages;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>ARG instructions before the first FROM (their defaults may be used in FROM lines).</summary>
    public IEnumerable<DockerInstruction> GlobalArgs => Instructions.Where(i => i.Stage == -1);

    public DockerStage FinalStage => Stages.Count > 0 ? Stages[^1] : throw new FormatException("no FROM instruction");

    public static Dockerfile Load(string path) => Parse(File.ReadAllText(path));

    public static Dockerfile Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';

        // Parser directives: only at the very top, "# name=value", until the first other line.
        var index = 0;
        for (; index < lines.Length; index++)
        {
            var match = Directive().Match(lines[index]);
            if (!match.Success)
            {
                break;
            }

            if (match.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase))
            {
                escape = match.Groups[2].Value.Trim() is [var c] ? c : throw new FormatException("bad escape directive");
            }
        }

        var instructions = new List<DockerInstruction>();
        var stages = new List<(int Index, string Image, string? Name, int Line, List<DockerInstruction> Body)>();
        var logical = new StringBuilder();
        var startLine = 0;
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && logical.Length == 0))
            {
                continue; // comments are dropped, also inside a continued instruction
            }

            if (logical.Length == 0)
            {
                startLine = index + 1;
            }

            var continued = trimmed.Length > 0 && trimmed[^1] == escape;
            logical.Append(continued ? trimmed[..^1] : trimmed).Append(' ');
            if (continued && index < lines.Length - 1)
            {
                continue;
            }

            var instruction = ParseInstruction(logical.ToString().Trim(), startLine, stages.Count - 1);
            logical.Clear();
            if (instruction is null)
            {
                continue;
            }

            if (instruction.Keyword == "FROM")
            {
                var words = SplitWords(instruction.Arguments);
                if (words.Count is not (1 or 3) || (words.Count == 3 && !words[1].Equals("AS", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new FormatException($"line {startLine}: FROM image [AS name] expected");
                }

                stages.Add((stages.Count, words[0], words.Count == 3 ? words[2] : null, startLine, []));
                instruction = instruction with { Stage = stages.Count - 1 };
            }

            instructions.Add(instruction);
            if (instruction.Stage >= 0)
            {
                stages[instruction.Stage].Body.Add(instruction);
            }
        }

        return new Dockerfile(
            instructions,
            stages.Select(s => new DockerStage(s.Index, s.Image, s.Name, s.Line, s.Body)).ToList());
    }

    private static DockerInstruction? ParseInstruction(string text, int line, int stage)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var space = text.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var rest = space < 0 ? string.Empty : text[(space + 1)..].Trim();
        if (keyword is "RUN" or "COPY" or "ADD" && Heredoc().IsMatch(rest))
        {
            throw new FormatException($"line {line}: heredocs are not supported by this lint; use a script file or RUN with &&");
        }

        // Leading --name[=value] options (COPY --from, RUN --mount, HEALTHCHECK --interval, FROM --platform ...).
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keyword is not ("ENV" or "ARG" or "LABEL" or "CMD" or "ENTRYPOINT" or "SHELL"))
        {
            while (rest.StartsWith("--", StringComparison.Ordinal))
            {
                var end = rest.IndexOfAny([' ', '\t']);
                var flag = end < 0 ? rest : rest[..end];
                var equals = flag.IndexOf('=', StringComparison.Ordinal);
                flags[equals < 0 ? flag[2..] : flag[2..equals]] = equals < 0 ? "true" : flag[(equals + 1)..];
                rest = end < 0 ? string.Empty : rest[end..].TrimStart();
            }
        }

        return new DockerInstruction(keyword, flags, rest, line, stage);
    }

    /// <summary>Splits shell-form arguments into words, honouring single and double quotes and backslash escapes.</summary>
    public static IReadOnlyList<string> SplitWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (quote is null && c is '"' or '\'')
            {
                quote = c;
            }
            else if (quote == c)
            {
                quote = null;
            }
            else
            {
                current.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>
    /// The variables an ENV or ARG instruction sets: "ENV a=1 b=2", legacy "ENV a 1", "ARG name[=default]".
    /// </summary>
    public static IReadOnlyList<(string Name, string? Value)> Assignments(DockerInstruction instruction)
    {
        var words = SplitWords(instruction.Arguments);
        if (instruction.Keyword == "ENV" && words.Count >= 2 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            return [(words[0], string.Join(' ', words.Skip(1)))];
        }

        return words.Select(w =>
        {
            var equals = w.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (w, (string?)null) : (w[..equals], w[(equals + 1)..]);
        }).ToList();
    }

    [GeneratedRegex(@"^#\s*([a-zA-Z]+)\s*=\s*(.*)$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"<<-?\s*[""']?[A-Za-z_][A-Za-z0-9_]*[""']?")]
    private static partial Regex Heredoc();
}
