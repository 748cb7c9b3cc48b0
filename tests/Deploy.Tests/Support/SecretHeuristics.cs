using System.Text.RegularExpressions;

namespace PacificEdge.Deploy.Tests.Support;

/// <summary>Tells placeholders from values that look like real credentials.</summary>
public static partial class SecretHeuristics
{
    /// <summary>The one placeholder the templates use.</summary>
    public const string Placeholder = "REPLACE_ME";

    /// <summary>Prefixes of well-known credential formats (payment, cloud, source hosting, chat, PEM keys).</summary>
    private static readonly string[] KnownPrefixes =
        ["sk_live_", "sk_test_", "rk_live_", "pk_live_", "whsec_", "AKIA", "ASIA", "ghp_", "gho_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "-----BEGIN"];

    /// <summary>Names of settings that hold credentials.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>
    /// True for a known credential format, or for a token (after removing placeholders) of 20+ characters that
    /// mixes letters and digits with the character variety of random data (a version like "22-bookworm-slim" or a
    /// host name is not one).
    /// </summary>
    public static bool LooksLikeSecret(string value)
    {
        if (KnownPrefixes.Any(p => value.Contains(p, StringComparison.Ordinal)))
        {
            return true;
        }

        var rest = value.Replace(Placeholder, " ", StringComparison.Ordinal);
        return TokenSeparators().Split(rest).Any(token =>
            token.Length >= 20 && token.Any(char.IsLetter) && token.Any(char.IsDigit) && Entropy(token) >= 3.5);
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> as a Secret template value: it must contain the placeholder, every
    /// credential part of a connection string must be exactly the placeholder, and nothing may look like a secret.
    /// </summary>
    public static IEnumerable<string> TemplateValueProblems(string key, string value)
    {
        if (!value.Contains(Placeholder, StringComparison.Ordinal))
        {
            yield return $"{key}: value has no {Placeholder} placeholder";
        }

        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && IsSecretName(part[..equals]) && part[(equals + 1)..].Trim() != Placeholder)
            {
                yield return $"{key}: {part[..equals]} is not the placeholder";
            }
        }

        if (LooksLikeSecret(value))
        {
            yield return $"{key}: value looks like a real secret";
        }
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(string text) =>
        -text.GroupBy(c => c)
            .Select(g => (double)g.Count() / text.Length)
            .Sum(p => p * Math.Log2(p));

    [GeneratedRegex("pass(word|wd)?$|^pwd$|secret|token|api[_-]?key|private[_-]?key|credential|connection[_-]?string|^PACIFICEDGE_DB$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"[\s;,=:/@?&.""'()\[\]{}]+")]
    private static partial Regex TokenSeparators();
}
