using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests.Cluster;

/// <summary>
/// Registers a shopper on a store running as processes, as a person does: asks, takes the link from the email the
/// silos sent to the test's SMTP server, and follows it; the client is then signed in.
/// </summary>
public static class EmailedRegistration
{
    /// <summary>Returns the new account's id.</summary>
    public static async Task<string> RegisterAsync(HttpClient http, InProcessSmtpServer smtp, string email, string password)
    {
        using var registered = await http.PostAsJsonAsync("/api/auth/register", new { email, password });
        Assert.True(registered.StatusCode == HttpStatusCode.Accepted, $"register {email}: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");

        // Generous: the mail goes through a silo and an SMTP session on a busy machine.
        var token = await Eventually.WaitAsync(
            () => Task.FromResult(smtp.TextBodiesTo(email).Select(EmailedLinks.RegistrationToken).LastOrDefault(t => t is not null)),
            t => t is not null, $"the registration email to {email}", TimeSpan.FromSeconds(120));

        using var confirmed = await http.PostAsJsonAsync("/api/auth/confirm-registration", new { token });
        var body = await confirmed.Content.ReadAsStringAsync();
        Assert.True(confirmed.StatusCode == HttpStatusCode.Created, $"confirm the registration of {email}: {(int)confirmed.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("userId").GetString()!;
    }
}
