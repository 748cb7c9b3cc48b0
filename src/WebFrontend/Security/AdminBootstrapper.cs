using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Creates the first admin from PACIFICEDGE_ADMIN_EMAIL and PACIFICEDGE_ADMIN_PASSWORD at start-up
/// when that account does not exist yet. There is never a default password.
/// </summary>
public sealed partial class AdminBootstrapper(AccountService accounts, IConfiguration configuration, ILogger<AdminBootstrapper> logger) : IHostedService
{
    public const string EmailVariable = "PACIFICEDGE_ADMIN_EMAIL";
    public const string PasswordVariable = "PACIFICEDGE_ADMIN_PASSWORD";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration[EmailVariable];
        var password = configuration[PasswordVariable];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        try
        {
            await accounts.RegisterAsync(email, password, Roles.Admin, cancellationToken);
            LogCreated(email);
        }
        catch (ConflictException)
        {
            // The account exists already: nothing to do.
        }
        catch (CommerceException ex)
        {
            LogRejected(ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin account {Email}")]
    private partial void LogCreated(string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "The first admin account was not created: {Reason}")]
    private partial void LogRejected(string reason);
}
