using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.WebFrontend.Api;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Infrastructure;
using PacificEdge.WebFrontend.Infrastructure.Telemetry;
using PacificEdge.WebFrontend.Realtime;
using PacificEdge.WebFrontend.Security;
using PacificEdge.WebFrontend.Webhooks;

namespace PacificEdge.WebFrontend;

/// <summary>
/// The front end's two hooks into a host process (co-hosted with a silo, or a separate web
/// process that reaches grains as a client). The host registers grains or a grain client first.
/// </summary>
public static class FrontendHostingExtensions
{
    public const string CorsPolicy = "frontend";

    /// <summary>Registers the front end's services (API, webhooks, hubs, security), options validated at start-up.</summary>
    public static WebApplicationBuilder AddFrontend(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.Logging.AddFilter(HubFailureLogging.DispatcherCategory, LogLevel.None);
        var frontend = builder.Configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>() ?? new FrontendOptions();
        services.AddOptions<FrontendOptions>().BindConfiguration(FrontendOptions.SectionName)
            .Validate(o => o.MaxRequestBodyBytes is > 0 and <= 10 * 1024 * 1024, "Frontend:MaxRequestBodyBytes must be between 1 byte and 10 MiB.")
            .Validate(o => o.RateLimits.LoginAttempts > 0 && o.RateLimits.CheckoutsPerMinute > 0 && o.RateLimits.WebhooksPerMinute > 0 && o.RateLimits.WebhookRefusalsPerMinute > 0 && o.RateLimits.AdminPerMinute > 0 && o.RateLimits.OrderLinksPerMinute > 0, "Frontend:RateLimits must be positive.")
            .Validate(o => o.OrderLinkLifetime > TimeSpan.Zero, "Frontend:OrderLinkLifetime must be positive.")
            .Validate(o => o.CorsOrigins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out _)), "Frontend:CorsOrigins must be absolute URLs.")
            .Validate(o => o.Dashboard.RefreshInterval > TimeSpan.Zero, "Frontend:Dashboard:RefreshInterval must be positive.")
            .Validate(o => o.TrustedProxies.All(TrustedProxies.IsValid), "Frontend:TrustedProxies must be IP addresses or CIDR networks.")
            .Validate(o => o.KeyRingSecret.Length >= 32, "Frontend:KeyRingSecret is required (at least 32 characters); set it from the environment.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<FrontendOptions>>((o, f) => TrustedProxies.Apply(o, f.Value.TrustedProxies));
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => o.MaxBodyBytes is > 0 and <= 1024 * 1024, "Webhooks:MaxBodyBytes must be between 1 byte and 1 MiB.")
            .Validate(o => o.PaymentTolerance > TimeSpan.Zero && o.MaxAttempts > 0 && o.RetryBaseDelay > TimeSpan.Zero && o.ScanInterval > TimeSpan.Zero, "Webhooks retry settings must be positive.")
            .Validate(o => o.ProcessorConcurrency is >= 1 and <= 1024, "Webhooks:ProcessorConcurrency must be between 1 and 1024.")
            .ValidateOnStart();
        services.AddOptions<StoreSettings>().BindConfiguration("Commerce")
            .Validate(o => o.GuestCheckout.IsValid, "Commerce:GuestCheckout limits must be positive.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp), "Commerce:PublicBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();

        services.AddChatAlerts();
        services.TryAddSingleton(TimeProvider.System);
        services.AddAccountSignIn(builder.Environment.IsDevelopment());
        services.AddSingleton<ImportedOrderQueries>();
        services.AddSingleton<OrderAccessTokens>();
        services.AddSingleton<OrderSummaryQueries>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<GuestCheckoutSlots>();
        services.AddSingleton<AdminQueries>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<CustomerDirectory>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<StripeOrderLookup>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookAdmission>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<CheckoutLatency>();
        services.AddSingleton<CommerceMetrics>();
        services.AddSingleton<ClusterStatus>();
        services.AddSingleton<DashboardService>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardService>());
        services.AddSingleton<OrderEventRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderEventRelay>());
        services.AddSingleton<WebhookProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookProcessor>());
        services.AddHostedService<AdminBootstrapper>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.Remove("traceId");
            ProblemCodes.EnsureCode(context.ProblemDetails, context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
        });
        // Binding failures (malformed JSON, wrong types, unparsable parameters) throw in every environment, so
        // ProblemMapping answers them with a code instead of a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemMapping>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();

        services.AddDataProtection().SetApplicationName("PacificEdge");
        services.AddSingleton(sp => new KeyRingCipher(sp.GetRequiredService<IOptions<FrontendOptions>>().Value.KeyRingSecret));
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Npgsql.NpgsqlDataSource, KeyRingCipher>((o, dataSource, cipher) =>
            {
                o.XmlRepository = new PostgresXmlRepository(dataSource);
                o.XmlEncryptor = new KeyRingEncryptor(cipher);
            });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "pe.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Expiry (sliding and absolute) and the session checks: AddAccountSignIn.
            // An API answers 401/403, it does not redirect to a login page.
            o.Events.OnRedirectToLogin = context => StatusOnly(context.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => StatusOnly(context.Response, StatusCodes.Status403Forbidden);
        });
        // The staff and admin policies (with the second factor staff need) come with AddAccountSignIn.
        services.AddSignalR(o => o.AddFilter<HubFailureLogging>()).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddCors(o => o.AddPolicy(CorsPolicy, policy =>
        {
            if (frontend.CorsOrigins.Count > 0)
            {
                policy.WithOrigins([.. frontend.CorsOrigins]).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
            }
        }));
        services.AddFrontendRateLimits(frontend.RateLimits);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>Adds the front end's middleware and endpoints.</summary>
    public static WebApplication UseFrontend(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<FrontendOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        var pages = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(pages))
        {
            var files = new PhysicalFileProvider(pages);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.UseMiddleware<AdminAllowList>();
        app.UseCors(CorsPolicy);
        app.UseMiddleware<SameOriginRequests>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        var maxBody = app.Services.GetRequiredService<IOptions<FrontendOptions>>().Value.MaxRequestBodyBytes;
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBody;
            }

            return next(context);
        });

        app.MapOpenApi();
        app.MapCatalog();
        app.MapCarts();
        app.MapShopperOrders();
        app.MapAuth();
        app.MapNewsletter();
        app.MapAdmin();
        // Webhooks spend their budgets once judged (WebhookAdmission), so junk cannot use up a partner's.
        var webhooks = app.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/payments", PaymentWebhookEndpoint.HandleAsync);
        webhooks.MapPost("/shipping", ShippingWebhookEndpoint.HandleAsync);
        app.MapHub<OrdersHub>(OrdersHub.Path);
        app.MapHub<AdminHub>(AdminHub.Path);
        return app;
    }

    private static Task StatusOnly(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
