using PacificEdge.Silo.Telemetry;

namespace PacificEdge.Silo.Tests.Telemetry;

public sealed class SentryScrubberTests
{
    [Theory]
    [InlineData("card 4242424242424242 declined", "card [card] declined")]
    [InlineData("card 4000-0566-5566-5556", "card [card]")]
    [InlineData("key sk_live_51H8abcDEF and whsec_0123abc", "key [secret] and [secret]")]
    [InlineData("Stripe-Signature: t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "Stripe-Signature: [signature]")]
    [InlineData("GET https://shop.example.com/order.html?id=ord_1&token=abc failed", "GET https://shop.example.com/order.html?[query] failed")]
    [InlineData("Authorization: Bearer eyJhbGciOi.x.y", "Authorization: Bearer [secret]")]
    [InlineData("order ord_123 total 1299.00 USD", "order ord_123 total 1299.00 USD")]
    public void Mask_hides_cards_secrets_signatures_tokens_and_query_strings_and_leaves_ordinary_text(string text, string expected)
        => Assert.Equal(expected, SentryScrubber.Mask(text));
}
