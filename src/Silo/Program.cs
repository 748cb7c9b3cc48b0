using PacificEdge.Grains.Hosting;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Hosting.Health;
using PacificEdge.Runtime.Storage;
using PacificEdge.Silo.Hosting;
using PacificEdge.WebFrontend;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var bootstrap = LoggingSetup.CreateBootstrapLogger();
try
{
    var (mode, hostArguments) = CommandLine.Parse(args, Environment.GetEnvironmentVariable("PACIFICEDGE_MODE"));
    var builder = WebApplication.CreateBuilder(hostArguments);
    DatabaseEnvironment.Apply(builder.Configuration);
    builder.UseSerilog();
    var clustered = ClusterHosting.IsClustered(mode, builder.Configuration);

    var health = builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("database", tags: ["ready"]);
    if (mode == ProcessMode.Web)
    {
        // A front end that hosts no grains: it reads membership and calls each grain's silo.
        builder.Services.AddGrainClient(client => client.UsePostgres());
        health.AddCheck<ClusterMembershipHealthCheck>("membership", tags: ["ready"]);
    }
    else
    {
        builder.Services.AddGrainSilo(silo =>
        {
            silo.UsePostgres().AddCommerceGrains().AddGrain<ClusterPingGrain>();
            if (clustered)
            {
                silo.UseClustering();
            }
        });
        builder.AllowSiloShutdown();
        health.AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
    }

    if (mode is ProcessMode.Cohosted or ProcessMode.Web or ProcessMode.CreateAdmin)
    {
        builder.AddFrontend();
    }

    var app = builder.Build();
    if (mode == ProcessMode.Migrate)
    {
        // Reading the options validates them, so a missing connection string is reported by name.
        _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostgresOptions>>().Value;
        var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
        bootstrap.Information("Database is up to date ({Count} migrations applied now)", applied.Count);
        return 0;
    }

    if (mode == ProcessMode.CreateAdmin)
    {
        // The password only ever comes from the environment, never from the command line (shell history, ps).
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
        var email = app.Configuration["email"] ?? app.Configuration[PacificEdge.WebFrontend.Security.AdminBootstrapper.EmailVariable];
        var password = app.Configuration[PacificEdge.WebFrontend.Security.AdminBootstrapper.PasswordVariable];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            bootstrap.Fatal("create-admin needs --email (or {EmailVariable}) and the password in {PasswordVariable}",
                PacificEdge.WebFrontend.Security.AdminBootstrapper.EmailVariable, PacificEdge.WebFrontend.Security.AdminBootstrapper.PasswordVariable);
            return 2;
        }

        try
        {
            var account = await app.Services.GetRequiredService<PacificEdge.WebFrontend.Security.AccountService>()
                .RegisterAsync(email, password, PacificEdge.WebFrontend.Security.Roles.Admin, CancellationToken.None);
            bootstrap.Information("Created admin {Email} ({UserId})", account.Email, account.UserId);
            return 0;
        }
        catch (PacificEdge.Grains.Interfaces.Common.CommerceException ex)
        {
            bootstrap.Fatal("The admin was not created: {Reason}", ex.Message);
            return 2;
        }
    }

    if (mode == ProcessMode.RemoveDemo)
    {
        await app.StartAsync();
        var removed = await PacificEdge.Grains.Demo.DemoDataSeeder.RemoveAsync(app.Services.GetRequiredService<PacificEdge.Runtime.IGrainFactory>());
        bootstrap.Information("Removed {Count} demo products: {Skus}", removed.Count, removed);
        await app.StopAsync();
        return 0;
    }

    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    if (ClusterDiagnostics.IsEnabled(app.Configuration))
    {
        app.MapClusterDiagnostics(mode);
    }

    if (mode is ProcessMode.Cohosted or ProcessMode.Web)
    {
        app.UseFrontend();
    }

    await app.RunAsync();
    return 0;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    bootstrap.Fatal("Invalid configuration: {Failures}", string.Join(" ", ex.Failures));
    return 2;
}
catch (Exception ex) when (ex is not OperationCanceledException and not HostAbortedException)
{
    bootstrap.Fatal(ex, "Pacific Edge failed to start");
    return 1;
}
finally
{
    (bootstrap as IDisposable)?.Dispose();
}

/// <summary>The entry point type, public so integration tests can host the app (WebApplicationFactory).</summary>
public partial class Program;
