using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>Staff members for admin tests: created through the account service (there is no sign-up for staff), then signed in over HTTP.</summary>
public static class StaffAccounts
{
    public const string Password = "staff-password-for-tests-only";

    public static async Task<(HttpClient Client, string Email)> SignedInStaffAsync(StoreApp app, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@staff.test";
        await app.Services.GetRequiredService<AccountService>().RegisterAsync(email, Password, Roles.Staff, CancellationToken.None);
        var client = app.NewClient();
        (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).EnsureSuccessStatusCode();
        return (client, email);
    }
}
