using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.Grains.Tests.Integration.Email;

public sealed class EmailTemplatesTests
{
    private const string Hostile = "<script>alert('x')</script> & \"friends\"";

    public static TheoryData<NotificationKind> AllKinds() => new(Enum.GetValues<NotificationKind>());

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_kind_renders_subject_text_and_html(NotificationKind kind)
    {
        var email = EmailTemplates.Render(kind, FullModel());

        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.DoesNotContain('\n', email.Subject);
        Assert.StartsWith("<!DOCTYPE html>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Pacific Edge Labs", email.TextBody, StringComparison.Ordinal);
        if (kind is NotificationKind.SetPasswordInvitation or NotificationKind.PasswordReset)
        {
            Assert.Contains("https://shop.example/set-password.html#token=abc", email.TextBody, StringComparison.Ordinal);
        }
        else if (kind is NotificationKind.RegistrationConfirmation)
        {
            Assert.Contains("https://shop.example/account.html#confirm=abc", email.TextBody, StringComparison.Ordinal);
        }
        else if (kind is NotificationKind.AlreadyRegistered)
        {
            Assert.Contains("https://shop.example/account.html", email.TextBody, StringComparison.Ordinal);
        }
        else if (kind != NotificationKind.AbandonedCart)
        {
            Assert.Contains("ord_123", email.Subject, StringComparison.Ordinal);
            Assert.Contains("ord_123", email.TextBody, StringComparison.Ordinal);
            Assert.Contains("ord_123", email.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_model_value_is_html_encoded(NotificationKind kind)
    {
        var model = FullModel();
        model[EmailModelKeys.CustomerName] = Hostile;
        model[EmailModelKeys.Items] = Hostile;
        model[EmailModelKeys.Total] = "<b>49.99 USD</b>";

        var email = EmailTemplates.Render(kind, model);

        Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", email.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Hostile, email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_order_confirmation_shows_totals_and_links_to_the_order()
    {
        var email = EmailTemplates.Render(NotificationKind.OrderConfirmation, FullModel());

        Assert.Contains("Total: 49.99 USD", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("2 x Magnesium glycinate", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/orders/ord_123\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipping_confirmation_links_to_tracking()
    {
        var email = EmailTemplates.Render(NotificationKind.ShippingConfirmation, FullModel());

        Assert.Contains("1Z999", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://www.ups.com/track?tracknum=1Z999", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.ups.com/track?tracknum=1Z999\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_abandoned_cart_email_links_back_to_the_cart()
    {
        var email = EmailTemplates.Render(
            NotificationKind.AbandonedCart,
            new Dictionary<string, string> { [EmailModelKeys.CartUrl] = "https://shop.example/cart/cart_9?a=1&b=2" });

        Assert.Contains("https://shop.example/cart/cart_9?a=1&b=2", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/cart/cart_9?a=1&amp;b=2\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_abandoned_cart_email_ends_with_its_unsubscribe_link()
    {
        var email = EmailTemplates.Render(
            NotificationKind.AbandonedCart,
            new Dictionary<string, string>
            {
                [EmailModelKeys.CartUrl] = "https://shop.example/cart/cart_9",
                [EmailModelKeys.UnsubscribeUrl] = "https://shop.example/unsubscribe?email=a%40example.com&token=abc",
            });

        Assert.EndsWith("Unsubscribe: https://shop.example/unsubscribe?email=a%40example.com&token=abc\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/unsubscribe?email=a%40example.com&amp;token=abc\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Html_styles_are_inline_attributes(NotificationKind kind)
    {
        var email = EmailTemplates.Render(kind, FullModel());

        Assert.DoesNotContain("<style", email.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<body style=\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsubscribe", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_optional_values_are_left_out()
    {
        var model = FullModel();
        model[EmailModelKeys.TrackingUrl] = "";
        model[EmailModelKeys.Carrier] = "";

        var email = EmailTemplates.Render(NotificationKind.ShippingConfirmation, model);

        Assert.DoesNotContain("Track your parcel", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Carrier:", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotificationKind.OrderConfirmation, EmailModelKeys.OrderId)]
    [InlineData(NotificationKind.OrderConfirmation, EmailModelKeys.Total)]
    [InlineData(NotificationKind.PaymentFailed, EmailModelKeys.Total)]
    [InlineData(NotificationKind.PaymentRetryReminder, EmailModelKeys.RetryUrl)]
    [InlineData(NotificationKind.ShippingConfirmation, EmailModelKeys.TrackingNumber)]
    [InlineData(NotificationKind.AbandonedCart, EmailModelKeys.CartUrl)]
    [InlineData(NotificationKind.OrderAccessLink, EmailModelKeys.OrderUrl)]
    [InlineData(NotificationKind.SetPasswordInvitation, EmailModelKeys.SetPasswordUrl)]
    [InlineData(NotificationKind.PasswordReset, EmailModelKeys.SetPasswordUrl)]
    [InlineData(NotificationKind.RegistrationConfirmation, EmailModelKeys.ConfirmRegistrationUrl)]
    [InlineData(NotificationKind.AlreadyRegistered, EmailModelKeys.AccountUrl)]
    public void A_missing_required_value_is_a_clear_error(NotificationKind kind, string key)
    {
        var model = FullModel();
        model.Remove(key);

        var error = Assert.Throws<EmailTemplateException>(() => EmailTemplates.Render(kind, model));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/cart")]
    [InlineData("ftp://shop.example/cart")]
    public void Links_must_be_absolute_http(string url)
    {
        var model = FullModel();
        model[EmailModelKeys.CartUrl] = url;

        Assert.Throws<EmailTemplateException>(() => EmailTemplates.Render(NotificationKind.AbandonedCart, model));
    }

    [Fact]
    public void A_subject_stays_on_one_line()
    {
        var model = FullModel();
        model[EmailModelKeys.OrderId] = "ord_1\r\nBcc: victim@example.com";

        var email = EmailTemplates.Render(NotificationKind.OrderConfirmation, model);

        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
    }

    [Theory]
    [InlineData("insufficient_funds", "insufficient funds")]
    [InlineData("card_declined", "declined")]
    public void A_payment_failure_explains_the_decline(string code, string expected)
    {
        var model = FullModel();
        model[EmailModelKeys.DeclineCode] = code;

        var email = EmailTemplates.Render(NotificationKind.PaymentFailed, model);

        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string> FullModel() => new()
    {
        [EmailModelKeys.OrderId] = "ord_123",
        [EmailModelKeys.CustomerName] = "Ada Lovelace",
        [EmailModelKeys.Total] = "49.99 USD",
        [EmailModelKeys.Subtotal] = "54.99 USD",
        [EmailModelKeys.Discount] = "5.00 USD",
        [EmailModelKeys.Items] = "2 x Magnesium glycinate (COA-100, lot L42) 39.98 USD\n1 x Vitamin D3 (COA-200, lot L7) 15.01 USD",
        [EmailModelKeys.ItemCount] = "3",
        [EmailModelKeys.OrderUrl] = "https://shop.example/orders/ord_123",
        [EmailModelKeys.RetryUrl] = "https://shop.example/orders/ord_123/pay",
        [EmailModelKeys.PaymentDueBy] = "2026-03-02 10:00:00Z",
        [EmailModelKeys.DeclineCode] = "card_declined",
        [EmailModelKeys.PointsEarned] = "49",
        [EmailModelKeys.Carrier] = "ups",
        [EmailModelKeys.TrackingNumber] = "1Z999",
        [EmailModelKeys.TrackingUrl] = "https://www.ups.com/track?tracknum=1Z999",
        [EmailModelKeys.CartId] = "cart_9",
        [EmailModelKeys.CartUrl] = "https://shop.example/cart/cart_9",
        [EmailModelKeys.SetPasswordUrl] = "https://shop.example/set-password.html#token=abc",
        [EmailModelKeys.LinkExpiresAt] = "2026-03-16 10:00 UTC",
        [EmailModelKeys.ConfirmRegistrationUrl] = "https://shop.example/account.html#confirm=abc",
        [EmailModelKeys.AccountUrl] = "https://shop.example/account.html",
    };
}
