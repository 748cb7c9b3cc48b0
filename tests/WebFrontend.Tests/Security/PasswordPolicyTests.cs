using System.Net;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Tests.Security;

/// <summary>The password policy and the admin allow-list as plain rules.</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("aaaaaaaaaa")] // the pen test's: too short
    [InlineData("          ")] // ten spaces
    [InlineData("             ")] // thirteen spaces: long enough, but blank
    [InlineData("aaaaaaaaaaaaaaaa")] // one character repeated
    [InlineData("abababababab")] // two characters
    [InlineData("password1234")] // on the common list
    [InlineData("Password1234!")] // on the list once case and trailing punctuation are ignored
    [InlineData("qwertyuiop123")]
    [InlineData("shopper.jane@example.test")] // the account's email
    public void Weak_passwords_are_refused(string password)
        => Assert.False(PasswordPolicyValidator.Validate(password, "shopper.jane@example.test", 12).Succeeded);

    [Theory]
    [InlineData("a-long-enough-password")]
    [InlineData("Tide pools at dawn, 2026")]
    public void Long_uncommon_passwords_pass(string password)
        => Assert.True(PasswordPolicyValidator.Validate(password, "shopper.jane@example.test", 12).Succeeded);

    [Fact]
    public void Passwords_over_128_characters_are_refused()
        => Assert.False(PasswordPolicyValidator.Validate(new string('x', 60) + new string('y', 69) + "z", null, 12).Succeeded);

    [Theory]
    [InlineData("10.20.0.0/16", "10.20.3.4", true)]
    [InlineData("10.20.0.0/16", "10.21.3.4", false)]
    [InlineData("192.0.2.10", "192.0.2.10", true)]
    [InlineData("192.0.2.10", "192.0.2.11", false)]
    [InlineData("10.20.0.0/16", "::ffff:10.20.0.9", true)] // IPv4 over an IPv6 socket
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    public void The_admin_allow_list_matches_addresses_and_networks(string entry, string address, bool allowed)
    {
        var list = new AdminAllowList(_ => Task.CompletedTask, Microsoft.Extensions.Options.Options.Create(new SecurityOptions { AdminAllowList = [entry] }));
        Assert.Equal(allowed, list.IsAllowed(IPAddress.Parse(address)));
    }
}
