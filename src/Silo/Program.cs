using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using PacificEdge.Grains.Hosting;
using PacificEdge.Persistence;
using PacificEdge.Silo.Health;
using PacificEdge.Silo.Health.Detail;
using PacificEdge.Silo.Hosting;
using PacificEdge.Silo.Import;
using PacificEdge.Silo.Telemetry;
using PacificEdge.WebFrontend;
using PacificEdge.WebFrontend.Security;

var bootstrap = LoggingSetup.CreateBootstrapLogger();
try
{
    var (mode, hostArguments) = CommandLine.Parse(args, Environment.GetEnvironmentVariable("PACIFICEDGE_MODE"));
    var builder = WebApplication.CreateBuilder(hostArguments);
    DatabaseEnvironment.Apply(builder.Configuration);
    builder.UseSerilog();
    var orleans = OrleansHosting.ReadSettings(builder.Configuration);
    var connectionString = builder.Configuration[DatabaseEnvironment.ConnectionStringKey] ?? string.Empty;

    // PostgreSQL, the migration runner and its start-up step (before Orleans starts: its clustering and
    // reminder providers read their queries from tables the migrations create).
    builder.Services.AddPostgres();
    builder.Services.AddMigrations(new MigrationSource("commerce", typeof(CommerceSiloBuilderExtensions).Assembly));
    // SIGTERM: Orleans deactivates grains and leaves the cluster within the budget.
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = orleans.ShutdownTimeout);
    // Metrics for the Prometheus port and OTLP; traces (and their propagation through grain calls) only with OTLP.
    builder.AddTelemetry(mode);
    builder.AddErrorTracking();
    var tracing = OpenTelemetrySetup.OtlpEnabled(builder.Configuration);
    var health = builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("database", tags: ["ready", HealthDetailEndpoint.Tag]);
    if (mode == ProcessMode.Web)
    {
        // A front end that hosts no grains: an Orleans client through the silos' gateways.
        builder.UseOrleansClient(client =>
        {
            OrleansHosting.ConfigureClient(client, orleans, connectionString);
            if (tracing)
            {
                client.AddActivityPropagation();
            }
        });
        health.AddCheck<ClusterClientHealthCheck>("cluster", tags: ["ready"]);
    }
    else if (mode is ProcessMode.Cohosted or ProcessMode.Silo or ProcessMode.RemoveDemo or ProcessMode.Import)
    {
        builder.UseOrleans(silo =>
        {
            OrleansHosting.ConfigureSilo(silo, orleans, connectionString, OrleansHosting.IsClustered(mode, orleans));
            if (tracing)
            {
                silo.AddActivityPropagation();
            }
        });
        // Alerts orders raise in this silo also go to the chat webhook (when configured), once each.
        builder.Services.PostGrainAlertsToChat();
        health.AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
    }

    if (mode is ProcessMode.Cohosted or ProcessMode.Web or ProcessMode.CreateAdmin)
    {
        builder.AddFrontend();
        // Admins' view of every dependency (the front end brings the sign-in it is authorised by).
        health.AddDetailChecks(builder.Services, orleans.ServiceId);
    }

    if (mode == ProcessMode.Import)
    {
        builder.Services.AddOldShopImport();
    }

    var app = builder.Build();
    // Reading the options validates them, so a missing connection string is reported by name.
    _ = app.Services.GetRequiredService<IOptions<PostgresOptions>>().Value;
    if (mode == ProcessMode.Migrate)
    {
        var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
        bootstrap.Information("Database is up to date ({Count} migrations applied now)", applied.Count);
        return 0;
    }

    if (mode == ProcessMode.CreateAdmin)
    {
        // The host is not started here, so the start-up migration step does not run: apply them now.
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
        // The password only ever comes from the environment, never from the command line (shell history, ps).
        var email = app.Configuration["email"] ?? app.Configuration[AdminBootstrapper.EmailVariable];
        var password = app.Configuration[AdminBootstrapper.PasswordVariable];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            bootstrap.Fatal("create-admin needs --email (or {EmailVariable}) and the password in {PasswordVariable}",
                AdminBootstrapper.EmailVariable, AdminBootstrapper.PasswordVariable);
            return 2;
        }

        try
        {
            var account = await app.Services.GetRequiredService<AccountService>().RegisterAsync(email, password, Roles.Admin, CancellationToken.None);
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
        var removed = await PacificEdge.Grains.Demo.DemoDataSeeder.RemoveAsync(app.Services.GetRequiredService<IGrainFactory>());
        bootstrap.Information("Removed {Count} demo products: {Skus}", removed.Count, removed);
        await app.StopAsync();
        return 0;
    }

    if (mode == ProcessMode.Import)
    {
        // Like remove-demo: a silo of its own, so run it while the store is stopped (or set Orleans:Clustered to join the cluster).
        await app.StartAsync();
        var exitCode = await app.Services.GetRequiredService<ImportCommand>().RunAsync(Spectre.Console.AnsiConsole.Console, app.Lifetime.ApplicationStopping);
        await app.StopAsync();
        return exitCode;
    }

    // Outermost, so it times and logs every request (and the status the exception handler chose).
    app.UseRequestLogging();
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    if (ClusterDiagnostics.IsEnabled(app.Configuration))
    {
        app.MapClusterDiagnostics(mode);
    }

    if (mode is ProcessMode.Cohosted or ProcessMode.Web)
    {
        app.UseFrontend();
        app.MapHealthDetail();
        if (orleans.Dashboard)
        {
            // Orleans' own view of grains and silos: admins only (anonymous 401, others 403).
            app.MapOrleansDashboard(routePrefix: "/orleans-dashboard").RequireAuthorization(Roles.AdminPolicy);
        }
    }

    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
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
