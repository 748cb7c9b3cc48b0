using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// The password policy on top of Identity's length rule: at most 128 characters, not blank, not one character
/// repeated, not a commonly used password (the embedded list, also with trailing digits and punctuation trimmed),
/// and not the account's own email.
/// </summary>
public sealed class PasswordPolicyValidator(IOptions<SecurityOptions> options) : IPasswordValidator<UserAccount>
{
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password)
        => Task.FromResult(Validate(password, user.Email, options.Value.MinPasswordLength));

    public static IdentityResult Validate(string? password, string? email, int minLength)
    {
        var failure = Describe(password ?? string.Empty, email, minLength);
        return failure is null ? IdentityResult.Success : IdentityResult.Failed(new IdentityError { Code = "PasswordPolicy", Description = failure });
    }

    public static string Rule(int minLength) => $"Passwords must be {minLength} to {MaxLength} characters long and not a commonly used password.";

    private static string? Describe(string password, string? email, int minLength)
    {
        if (password.Length < minLength || password.Length > MaxLength || string.IsNullOrWhiteSpace(password))
        {
            return Rule(minLength);
        }

        var lower = password.Trim().ToLowerInvariant();
        if (lower.Distinct().Count() < 4 || Common.Value.Contains(lower) || Common.Value.Contains(lower.TrimEnd("0123456789!?.*#@$ ".ToCharArray())))
        {
            return "This password is too common or too easy to guess; choose another.";
        }

        return email is { Length: > 0 } && lower.Contains(email.Trim().ToLowerInvariant(), StringComparison.Ordinal)
            ? "The password must not contain your email address."
            : null;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        var assembly = typeof(PasswordPolicyValidator).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("common-passwords.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
