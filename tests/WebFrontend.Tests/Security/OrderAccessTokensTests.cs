using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Tests.Security;

/// <summary>Guest order tokens: bound to their order, signed over their expiry, refused once expired.</summary>
public sealed class OrderAccessTokensTests
{
    private const string OrderId = "ord_0123456789abcdef0123";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_issued_token_opens_its_own_order_only_and_is_url_safe()
    {
        var tokens = Tokens();

        var token = tokens.Issue(OrderId);

        Assert.True(tokens.IsValid(OrderId, token));
        Assert.True(tokens.IsValid(OrderId, token.ToUpperInvariant()));
        Assert.False(tokens.IsValid("ord_0123456789abcdef0124", token));
        Assert.Equal(token, Uri.EscapeDataString(token));
    }

    [Fact]
    public void A_token_works_until_its_lifetime_has_passed_and_not_after()
    {
        var tokens = Tokens();
        var token = tokens.Issue(OrderId);

        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(tokens.IsValid(OrderId, token));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(tokens.IsValid(OrderId, token));
        Assert.True(tokens.IsValid(OrderId, tokens.Issue(OrderId))); // a fresh one works again
    }

    [Fact]
    public void The_lifetime_comes_from_the_options()
    {
        var tokens = Tokens(lifetime: TimeSpan.FromHours(1));
        var token = tokens.Issue(OrderId);

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.False(tokens.IsValid(OrderId, token));
    }

    [Fact]
    public void Extending_the_expiry_of_a_token_breaks_its_signature()
    {
        var tokens = Tokens();
        var token = tokens.Issue(OrderId);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var extended = (long.Parse(token[..dot], System.Globalization.CultureInfo.InvariantCulture) + 86_400 * 365).ToString(System.Globalization.CultureInfo.InvariantCulture) + token[dot..];

        Assert.False(tokens.IsValid(OrderId, extended));
    }

    public static TheoryData<string?> Forgeries() => new()
    {
        null,
        "",
        "not-a-token",
        new string('0', 64),                           // the old never-expiring format
        "9999999999." + new string('0', 64),           // far future, forged signature
        "-1." + new string('a', 64),
        "+1234." + new string('a', 64),
        "." + new string('a', 64),
        "123456789012." + new string('a', 64),         // expiry too long
        "1234." + new string('a', 63),
        "1234." + new string('a', 65),
        new string('9', 5000),
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void Forged_malformed_or_old_format_tokens_are_refused(string? token)
        => Assert.False(Tokens().IsValid(OrderId, token));

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var token = Tokens(key: "another-key-entirely-0123456789").Issue(OrderId);

        Assert.False(Tokens().IsValid(OrderId, token));
    }

    private OrderAccessTokens Tokens(string key = "order-token-key-for-tests-0123456789", TimeSpan? lifetime = null)
        => new(Options.Create(new FrontendOptions { OrderTokenKey = key, OrderLinkLifetime = lifetime ?? Lifetime }), _clock, NullLogger<OrderAccessTokens>.Instance);

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
