using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Clustering.Transport;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Placement;
using PacificEdge.Runtime.References;
using PacificEdge.Runtime.Reminders;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.Hosting;

/// <summary>Registers the grain runtime in a host.</summary>
public static class GrainSiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo: activation catalog, call routing, codec, reminders, idle collection, metrics and
    /// the silo lifecycle. Options bind from the <c>Runtime:*</c> configuration sections and are
    /// validated at start-up. Choose storage with <see cref="SiloBuilder.UsePostgres"/> or <see cref="SiloBuilder.UseInMemory"/>.
    /// </summary>
    public static IServiceCollection AddGrainSilo(this IServiceCollection services, Action<SiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddGrainRuntimeCore(services);
        services.AddSingleton<IGrainCallRouter, GrainCallRouter>();
        services.TryAddSingleton<LocalSiloDetails>();
        services.TryAddSingleton<ILocalSiloDetails>(sp => sp.GetRequiredService<LocalSiloDetails>());
        services.TryAddSingleton<IPlacementDirector, SingleSiloPlacementDirector>();

        services.AddSingleton<SiloLifetime>();
        services.AddSingleton<GrainTypeRegistry>();
        services.AddSingleton<GrainActivator>();
        services.AddSingleton<ActivationServices>();
        services.AddSingleton(sp => new Lazy<ActivationServices>(sp.GetRequiredService<ActivationServices>));
        services.AddSingleton<ActivationCatalog>();
        services.AddSingleton<IGrainRequestHandler>(sp => sp.GetRequiredService<ActivationCatalog>());
        services.AddSingleton<ReminderRegistry>();
        services.TryAddSingleton<IReminderTable, MemoryReminderTable>();

        // Start order matters: the silo becomes Active before reminders and collection begin; stop runs in reverse.
        services.AddHostedService<SiloHostedService>();
        services.AddSingleton<IdleCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleCollector>());
        services.AddHostedService<ReminderService>();

        configure(new SiloBuilder(services));
        return services;
    }

    /// <summary>What silos and grain clients share: references, the codec, the call invoker, metrics and their options.</summary>
    internal static void AddGrainRuntimeCore(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        AddValidatedOptions(services);

        services.AddSingleton<ExceptionCodec>();
        services.AddSingleton<GrainInterfaceRegistry>();
        services.AddSingleton(sp => CreateCodec(sp));
        services.AddSingleton<RuntimeMetrics>();
        services.AddSingleton(sp => new Lazy<GrainCallInvoker>(sp.GetRequiredService<GrainCallInvoker>));
        services.AddSingleton<GrainCallInvoker>();
        services.AddSingleton<IGrainFactory, GrainFactory>();
    }

    /// <summary>What clustered silos and grain clients share: membership view, silo transport, cluster routing with retries.</summary>
    internal static void AddClusterCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(MembershipView)))
        {
            return;
        }

        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClusterId) && o.ClusterId.Length <= 200, "Runtime:Cluster:ClusterId is required (at most 200 characters).")
            .Validate(o => o.SiloPort is >= 0 and <= 65535, "Runtime:Cluster:SiloPort must be between 0 (any free port) and 65535.")
            .Validate(o => System.Net.IPAddress.TryParse(o.ListenAddress, out _), "Runtime:Cluster:ListenAddress must be an IP address (0.0.0.0 for every interface).")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.TableRefreshInterval > TimeSpan.Zero, "Runtime:Cluster:HeartbeatInterval and TableRefreshInterval must be positive.")
            .Validate(o => o.DeathTimeout > 2 * o.HeartbeatInterval, "Runtime:Cluster:DeathTimeout must be more than twice the HeartbeatInterval, so one slow heartbeat is not fatal.")
            .Validate(o => o.DefunctSiloRetention > o.DeathTimeout, "Runtime:Cluster:DefunctSiloRetention must be longer than the DeathTimeout.")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero, "Runtime:Cluster:ConnectTimeout must be positive.")
            .Validate(o => o.RetryInitialDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryInitialDelay, "Runtime:Cluster:RetryInitialDelay must be positive and RetryMaxDelay at least as long.")
            .Validate(o => Enum.IsDefined(o.WireFormat), "Runtime:Cluster:WireFormat must be Binary or Json.")
            .Validate(o => o.MaxMessageSize >= 64 * 1024, "Runtime:Cluster:MaxMessageSize must be at least 65536 bytes.")
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddSingleton<MembershipView>();
        services.AddSingleton<IClusterMembership>(sp => sp.GetRequiredService<MembershipView>());
        services.AddSingleton<HttpSiloTransport>();
        services.Replace(ServiceDescriptor.Singleton<ISiloTransport>(sp => sp.GetRequiredService<HttpSiloTransport>()));
        services.AddSingleton<ClusterGrainCallRouter>();
        services.Replace(ServiceDescriptor.Singleton<IGrainCallRouter>(sp => sp.GetRequiredService<ClusterGrainCallRouter>()));
    }

    private static GrainCodec CreateCodec(IServiceProvider services)
    {
        // camelCase like the web defaults, but case-sensitive: the runtime only reads what it wrote, and
        // case-insensitive matching costs on every call and every state read.
        var options = new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        options.Converters.Add(new GrainReferenceJsonConverterFactory(services.GetRequiredService<IGrainFactory>));
        foreach (var configure in services.GetRequiredService<IOptions<GrainCodecOptions>>().Value.Configure)
        {
            configure(options);
        }

        return new GrainCodec(options);
    }

    private static void AddValidatedOptions(IServiceCollection services)
    {
        services.AddOptions<GrainCodecOptions>();
        services.AddOptions<GrainClassOptions>();
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName)
            .Validate(o => o.ShutdownTimeout > TimeSpan.Zero, "Runtime:Silo:ShutdownTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName)
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero, "Runtime:Messaging:ResponseTimeout must be positive.")
            .Validate(o => o.MaxForwardCount >= 0, "Runtime:Messaging:MaxForwardCount must not be negative.")
            .ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().BindConfiguration(GrainCollectionOptions.SectionName)
            .Validate(o => o.CollectionAge > TimeSpan.Zero, "Runtime:Collection:CollectionAge must be positive.")
            .Validate(o => o.CollectionQuantum > TimeSpan.Zero, "Runtime:Collection:CollectionQuantum must be positive.")
            .Validate(o => o.ClassSpecificCollectionAge.Values.All(a => a > TimeSpan.Zero), "Every class-specific collection age must be positive.")
            .Validate(o => o.ActivationTimeout > TimeSpan.Zero && o.DeactivationTimeout > TimeSpan.Zero, "Activation and deactivation timeouts must be positive.")
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.SectionName)
            .Validate(o => o.MinimumReminderPeriod > TimeSpan.Zero, "Runtime:Reminders:MinimumReminderPeriod must be positive.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Runtime:Reminders:PollInterval must be positive.")
            .Validate(o => o.RetryInitialBackoff > TimeSpan.Zero && o.RetryMaxBackoff >= o.RetryInitialBackoff, "Reminder retry backoff must be positive, with the maximum at least the initial delay.")
            .Validate(o => o.MaxConcurrentTicks > 0 && o.BatchSize > 0, "Reminder concurrency and batch size must be positive.")
            .ValidateOnStart();
    }
}
