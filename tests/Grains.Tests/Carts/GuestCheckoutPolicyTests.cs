using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Tests.Carts;

/// <summary>The guest checkout limits on their own, with the default limits.</summary>
public sealed class GuestCheckoutPolicyTests
{
    private readonly GuestCheckoutPolicy _policy = new(new GuestCheckoutLimits());

    private static CartLine Line(string sku, decimal price, int quantity) => new(sku, $"{sku} name", new Money(price, "USD"), quantity, "L1");

    [Fact]
    public void The_defaults_are_5_units_1000_in_value_3_orders_per_email_5_per_address_and_15_minutes()
    {
        var limits = new GuestCheckoutLimits();

        Assert.Equal(5, limits.MaxUnitsPerSku);
        Assert.Equal(1000m, limits.MaxOrderValue);
        Assert.Equal(3, limits.MaxOpenOrdersPerEmail);
        Assert.Equal(5, limits.MaxOpenOrdersPerClientAddress);
        Assert.Equal(TimeSpan.FromMinutes(15), limits.PaymentTimeout);
        Assert.True(limits.IsValid);
    }

    [Fact]
    public void Five_units_of_each_product_are_allowed()
        => _policy.CheckLines([Line("A", 39.95m, 5), Line("B", 44.95m, 5), Line("C", 9.95m, 1)]);

    [Fact]
    public void Six_units_of_one_product_are_refused_with_a_message_naming_the_limit_and_the_way_out()
    {
        var error = Assert.Throws<GuestLimitException>(() => _policy.CheckLines([Line("A", 39.95m, 1), Line("B", 44.95m, 6)]));

        Assert.Equal("guest_limit_exceeded", error.Code);
        Assert.Contains("limited to 5 units of each product", error.Message);
        Assert.Contains("B name", error.Message);
        Assert.Contains("sign in", error.Message);
    }

    [Fact]
    public void The_ninety_nine_units_from_the_finding_are_refused()
        => Assert.Throws<GuestLimitException>(() => _policy.CheckLines([Line("A", 39.95m, 99), Line("B", 44.95m, 99), Line("C", 29.95m, 99)]));

    [Fact]
    public void An_order_worth_exactly_the_limit_is_allowed_and_one_cent_more_is_refused()
    {
        _policy.CheckLines([Line("A", 200m, 5)]);

        var error = Assert.Throws<GuestLimitException>(() => _policy.CheckLines([Line("A", 200m, 5), Line("B", 0.01m, 1)]));

        Assert.Contains("1000.00 USD", error.Message);
        Assert.Contains("1000.01 USD", error.Message);
        Assert.Contains("sign in", error.Message);
    }

    [Fact]
    public void Limits_follow_the_configuration()
    {
        var policy = new GuestCheckoutPolicy(new GuestCheckoutLimits { MaxUnitsPerSku = 2, MaxOrderValue = 50m });

        Assert.Throws<GuestLimitException>(() => policy.CheckLines([Line("A", 1m, 3)]));
        Assert.Throws<GuestLimitException>(() => policy.CheckLines([Line("A", 30m, 2)]));
        policy.CheckLines([Line("A", 25m, 2)]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 4)]
    public void Below_both_open_order_limits_is_allowed(int forEmail, int forAddress)
        => _policy.CheckOpenOrders(forEmail, forAddress);

    [Fact]
    public void A_fourth_open_order_for_one_email_is_refused()
    {
        var error = Assert.Throws<GuestLimitException>(() => _policy.CheckOpenOrders(3, 3));

        Assert.Contains("already has 3 unpaid guest orders", error.Message);
        Assert.Contains("sign in", error.Message);
    }

    [Fact]
    public void A_sixth_open_order_from_one_address_is_refused()
    {
        var error = Assert.Throws<GuestLimitException>(() => _policy.CheckOpenOrders(0, 5));

        Assert.Contains("limit is 5", error.Message);
    }

    [Theory]
    [InlineData(0, 1000, 3, 5, 15)]
    [InlineData(5, 0, 3, 5, 15)]
    [InlineData(5, 1000, 0, 5, 15)]
    [InlineData(5, 1000, 3, -1, 15)]
    [InlineData(5, 1000, 3, 5, 0)]
    public void A_non_positive_limit_is_invalid(int units, int value, int perEmail, int perAddress, int minutes)
        => Assert.False(new GuestCheckoutLimits
        {
            MaxUnitsPerSku = units, MaxOrderValue = value, MaxOpenOrdersPerEmail = perEmail,
            MaxOpenOrdersPerClientAddress = perAddress, PaymentTimeout = TimeSpan.FromMinutes(minutes),
        }.IsValid);
}
