using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.Grains.Tests.Integration.Email;

public sealed class UnsubscribeLinksTests
{
    private static UnsubscribeLinks Links(string key) => new(
        Options.Create(new EmailOptions { UnsubscribeKey = key }), Options.Create(new CommerceOptions { PublicBaseUrl = "https://shop.example/" }));

    [Fact]
    public void A_links_token_is_valid_for_its_address_in_any_case_and_for_no_other()
    {
        var links = Links("unsubscribe-key-for-tests-0123456789");
        var link = new Uri(links.For(" Ann@Example.TEST "));
        var token = link.Query.Split("token=")[1];

        Assert.Equal("https://shop.example/unsubscribe?email=ann%40example.test&token=" + token, link.AbsoluteUri);
        Assert.True(links.IsValid("ann@example.test", token));
        Assert.True(links.IsValid("ANN@example.test", token.ToUpperInvariant()));
        Assert.False(links.IsValid("bob@example.test", token));
        Assert.False(links.IsValid("ann@example.test", token[..^1]));
        Assert.False(links.IsValid("ann@example.test", null));
        Assert.False(Links("another-key-for-tests-0123456789").IsValid("ann@example.test", token));
    }
}
