using System.Text;
using System.Text.Encodings.Web;
using static PacificEdge.Grains.Integration.Email.EmailModelKeys;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Renders each <see cref="NotificationKind"/> to a subject, a plain-text body and an HTML body. Every model value is
/// HTML-encoded in the HTML body; links must be absolute http(s). Styles are inline <c>style</c> attributes, because
/// many mail clients drop <c>&lt;style&gt;</c> blocks. See <see cref="EmailModelKeys"/> for the keys.
/// </summary>
public static class EmailTemplates
{
    private const string Brand = "Pacific Edge Labs";

    /// <exception cref="EmailTemplateException">A required key is missing or empty, or a link is not absolute http(s).</exception>
    public static RenderedEmail Render(NotificationKind kind, IReadOnlyDictionary<string, string> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var values = new TemplateValues(kind, model);
        return kind switch
        {
            NotificationKind.OrderConfirmation => OrderConfirmation(values),
            NotificationKind.PaymentFailed => PaymentFailed(values),
            NotificationKind.PaymentRetryReminder => PaymentRetryReminder(values),
            NotificationKind.ShippingConfirmation => ShippingConfirmation(values),
            NotificationKind.AbandonedCart => AbandonedCart(values),
            NotificationKind.OrderAccessLink => OrderAccessLink(values),
            NotificationKind.SetPasswordInvitation => SetPasswordInvitation(values),
            NotificationKind.PasswordReset => PasswordReset(values),
            NotificationKind.RegistrationConfirmation => RegistrationConfirmation(values),
            NotificationKind.AlreadyRegistered => AlreadyRegistered(values),
            _ => throw new EmailTemplateException($"No template for notification kind {kind}."),
        };
    }

    private static RenderedEmail OrderConfirmation(TemplateValues values)
    {
        var orderId = values.Required(OrderId);
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph($"Thank you for your order {orderId}. We have received your payment and are preparing your parcel.");
        body.Lines(values.Optional(Items));
        body.Detail("Subtotal", values.Optional(Subtotal));
        body.Detail("Discount", values.Optional(Discount));
        body.Detail("Total", values.Required(Total));
        body.Detail("Loyalty points earned", values.Optional(PointsEarned));
        body.Link("View your order", values.OptionalUrl(OrderUrl));
        return body.Finish($"Your {Brand} order {orderId} is confirmed");
    }

    private static RenderedEmail PaymentFailed(TemplateValues values)
    {
        var orderId = values.Required(OrderId);
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph($"The payment for your order {orderId} did not go through. {DescribeDecline(values.Optional(DeclineCode))}");
        body.Detail("Total", values.Required(Total));
        body.Detail("Pay by", values.Optional(PaymentDueBy));
        body.Paragraph("Your items are held for you until then. You can try again with another card.");
        body.Link("Retry the payment", values.OptionalUrl(RetryUrl));
        return body.Finish($"Payment for order {orderId} did not go through");
    }

    private static RenderedEmail PaymentRetryReminder(TemplateValues values)
    {
        var orderId = values.Required(OrderId);
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph($"Your order {orderId} is still waiting for payment.");
        body.Detail("Total", values.Required(Total));
        body.Detail("Pay by", values.Optional(PaymentDueBy));
        body.Paragraph("After that the order is cancelled and the items are released.");
        body.Link("Complete your payment", values.RequiredUrl(RetryUrl));
        return body.Finish($"Complete the payment for order {orderId}");
    }

    private static RenderedEmail ShippingConfirmation(TemplateValues values)
    {
        var orderId = values.Required(OrderId);
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph($"Good news: your order {orderId} is on its way.");
        body.Detail("Carrier", values.Optional(Carrier)?.ToUpperInvariant());
        body.Detail("Tracking number", values.Required(TrackingNumber));
        body.Link("Track your parcel", values.OptionalUrl(TrackingUrl));
        body.Link("View your order", values.OptionalUrl(OrderUrl));
        return body.Finish($"Your order {orderId} has shipped");
    }

    private static RenderedEmail AbandonedCart(TemplateValues values)
    {
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph("You left some items in your cart. They are still there for you.");
        body.Lines(values.Optional(Items));
        body.Detail("Subtotal", values.Optional(Subtotal));
        body.Link("Return to your cart", values.RequiredUrl(CartUrl));
        body.Unsubscribe(values.OptionalUrl(UnsubscribeUrl));
        return body.Finish("You left something in your cart");
    }

    private static RenderedEmail OrderAccessLink(TemplateValues values)
    {
        var orderId = values.Required(OrderId);
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph($"Here is a fresh link to your order {orderId}, as you asked. Earlier links stop working after a while; this one will too.");
        body.Link("View your order", values.RequiredUrl(OrderUrl));
        body.Paragraph("If you did not ask for it, you can ignore this email: the link only shows the order to whoever has it.");
        return body.Finish($"Your link to order {orderId}");
    }

    private static RenderedEmail SetPasswordInvitation(TemplateValues values) => SingleUseLink(values,
        $"{Brand} has a new shop. Your account, order history and loyalty points have moved with you; passwords did not, so please choose a new one.",
        "Set your password", SetPasswordUrl,
        "If you did not have an account with us, you can ignore this email.",
        $"Set your password for the new {Brand} shop");

    private static RenderedEmail PasswordReset(TemplateValues values) => SingleUseLink(values,
        "Someone, hopefully you, asked to choose a new password for your account.",
        "Choose a new password", SetPasswordUrl,
        "If you did not ask for it, ignore this email: your password stays as it is.",
        $"Choose a new password for {Brand}");

    private static RenderedEmail RegistrationConfirmation(TemplateValues values) => SingleUseLink(values,
        $"Someone, hopefully you, asked to create a {Brand} account with this address. Confirm it to create the account and sign in.",
        "Confirm and create your account", ConfirmRegistrationUrl,
        "If you did not ask for it, ignore this email: no account is created.",
        $"Confirm your new {Brand} account");

    /// <summary>The account emails built around one single-use, expiring link: why, the link, until when, what if not you.</summary>
    private static RenderedEmail SingleUseLink(TemplateValues values, string why, string linkLabel, string linkKey, string ifNotYou, string subject)
    {
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph(why);
        body.Link(linkLabel, values.RequiredUrl(linkKey));
        body.Detail("The link works once, until", values.Optional(LinkExpiresAt));
        body.Paragraph(ifNotYou);
        return body.Finish(subject);
    }

    private static RenderedEmail AlreadyRegistered(TemplateValues values)
    {
        var body = new Body(values.Optional(CustomerName));
        body.Paragraph("Someone tried to create an account with this address. You already have one, so nothing was changed.");
        body.Paragraph("Sign in, or if you have forgotten your password, ask for a new one on the account page.");
        body.Link("Go to your account", values.RequiredUrl(AccountUrl));
        body.Paragraph("If it was not you, you can ignore this email: your account and password stay as they are.");
        return body.Finish($"You already have a {Brand} account");
    }

    private static string DescribeDecline(string? code) => code switch
    {
        null => "Your bank did not approve it.",
        "insufficient_funds" => "The card has insufficient funds.",
        "processing_error" => "There was an error processing the card.",
        "expired_card" => "The card has expired.",
        "incorrect_cvc" => "The card's security code was incorrect.",
        _ => "Your card was declined.",
    };

    /// <summary>Reads model values with the template's rules (empty is absent; links are checked).</summary>
    private sealed class TemplateValues(NotificationKind kind, IReadOnlyDictionary<string, string> model)
    {
        public string? Optional(string key) => model.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public string Required(string key)
            => Optional(key) ?? throw new EmailTemplateException($"The {kind} email needs model value '{key}'.");

        public string? OptionalUrl(string key) => Optional(key) is { } url ? CheckUrl(key, url) : null;

        public string RequiredUrl(string key) => CheckUrl(key, Required(key));

        private string CheckUrl(string key, string url)
            => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? uri.AbsoluteUri
                : throw new EmailTemplateException($"Model value '{key}' of the {kind} email must be an absolute http(s) URL.");
    }

    /// <summary>Builds the text and HTML bodies side by side; every piece of text is HTML-encoded on the way in.</summary>
    private sealed class Body
    {
        private const string BodyStyle = "font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;margin:0;padding:16px";
        private const string ParagraphStyle = "margin:0 0 16px";
        private const string LinkStyle = "color:#0b5fff;font-weight:bold";
        private const string FooterStyle = "margin:24px 0 0;color:#888;font-size:12px";
        private static readonly HtmlEncoder Html = HtmlEncoder.Default;
        private readonly StringBuilder text = new();
        private readonly StringBuilder html = new();
        private readonly List<(string Label, string Value)> details = [];
        private string? unsubscribeUrl;

        public Body(string? customerName)
        {
            var greeting = customerName is null ? "Hello," : $"Hello {customerName},";
            text.Append(greeting).Append("\n\n");
            html.Append("<!DOCTYPE html><html><body style=\"").Append(BodyStyle).Append("\"><p style=\"").Append(ParagraphStyle).Append("\">")
                .Append(Html.Encode(greeting)).Append("</p>");
        }

        public void Paragraph(string content)
        {
            FlushDetails();
            text.Append(content).Append("\n\n");
            html.Append("<p style=\"").Append(ParagraphStyle).Append("\">").Append(Html.Encode(content)).Append("</p>");
        }

        public void Lines(string? lines)
        {
            if (lines is null)
            {
                return;
            }

            FlushDetails();
            var items = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            html.Append("<ul style=\"margin:0 0 16px;padding-left:20px\">");
            foreach (var item in items)
            {
                text.Append("  - ").Append(item).Append('\n');
                html.Append("<li>").Append(Html.Encode(item)).Append("</li>");
            }

            text.Append('\n');
            html.Append("</ul>");
        }

        public void Detail(string label, string? value)
        {
            if (value is not null)
            {
                details.Add((label, value));
            }
        }

        public void Link(string label, string? url)
        {
            if (url is null)
            {
                return;
            }

            FlushDetails();
            text.Append(label).Append(": ").Append(url).Append("\n\n");
            html.Append("<p style=\"").Append(ParagraphStyle).Append("\"><a href=\"").Append(Html.Encode(url)).Append("\" style=\"").Append(LinkStyle).Append("\">")
                .Append(Html.Encode(label)).Append("</a></p>");
        }

        /// <summary>Marketing mail: an unsubscribe link under the signature.</summary>
        public void Unsubscribe(string? url) => unsubscribeUrl = url;

        public RenderedEmail Finish(string subject)
        {
            FlushDetails();
            text.Append("-- \n").Append(Brand).Append('\n');
            html.Append("<p style=\"").Append(FooterStyle).Append("\">").Append(Html.Encode(Brand)).Append("</p>");
            if (unsubscribeUrl is not null)
            {
                text.Append("Unsubscribe: ").Append(unsubscribeUrl).Append('\n');
                html.Append("<p style=\"").Append(FooterStyle).Append("\"><a href=\"").Append(Html.Encode(unsubscribeUrl)).Append("\" style=\"color:#888\">")
                    .Append(Html.Encode("Unsubscribe from these emails")).Append("</a></p>");
            }

            html.Append("</body></html>");
            return new RenderedEmail(CleanSubject(subject), text.ToString(), html.ToString());
        }

        private void FlushDetails()
        {
            if (details.Count == 0)
            {
                return;
            }

            html.Append("<table style=\"border-collapse:collapse;margin:0 0 16px\">");
            foreach (var (label, value) in details)
            {
                text.Append(label).Append(": ").Append(value).Append('\n');
                html.Append("<tr><th align=\"left\" style=\"padding:2px 16px 2px 0;font-weight:bold\">").Append(Html.Encode(label))
                    .Append("</th><td style=\"padding:2px 0\">").Append(Html.Encode(value)).Append("</td></tr>");
            }

            text.Append('\n');
            html.Append("</table>");
            details.Clear();
        }

        // Header injection guard: a subject is one line.
        private static string CleanSubject(string subject)
        {
            var clean = new string(subject.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            return clean.Length <= 200 ? clean : clean[..200];
        }
    }
}
