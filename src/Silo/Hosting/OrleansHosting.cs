using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Dashboard;
using Orleans.Serialization;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Hosting;
using PacificEdge.Grains.Interfaces;
using PacificEdge.Persistence;
using PacificEdge.Simulators.Hosting;

namespace PacificEdge.Silo.Hosting;

/// <summary>Configures the Orleans silo (cohosted, silo) or client (web) of this process from <see cref="OrleansSettings"/>.</summary>
public static class OrleansHosting
{
    private const string Invariant = "Npgsql";

    /// <summary>Reads and validates the <c>Orleans</c> section; a bad value stops the process with a message naming it.</summary>
    public static OrleansSettings ReadSettings(IConfiguration configuration)
    {
        var settings = configuration.GetSection(OrleansSettings.SectionName).Get<OrleansSettings>() ?? new OrleansSettings();
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(OrleansSettings.SectionName, typeof(OrleansSettings), problems);
        }

        return settings;
    }

    /// <summary><c>silo</c> always clusters through PostgreSQL; <c>cohosted</c> when <c>Orleans:Clustered</c> is true.</summary>
    public static bool IsClustered(ProcessMode mode, OrleansSettings settings) => mode == ProcessMode.Silo || settings.Clustered;

    /// <summary>A silo hosting the commerce grains, state and reminders in PostgreSQL.</summary>
    public static void ConfigureSilo(ISiloBuilder silo, OrleansSettings settings, string connectionString, bool clustered)
    {
        connectionString = PostgresDataSourceFactory.Tune(connectionString);
        var siloPort = settings.SiloPort == 0 ? FreePort() : settings.SiloPort;
        var gatewayPort = settings.GatewayPort == 0 ? FreePort() : settings.GatewayPort;
        if (clustered)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            if (settings.Kubernetes)
            {
                // Pod name, namespace and IP (the advertised address) come from the downward API.
                silo.UseKubernetesHosting();
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                });
            }
            else
            {
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = settings.AdvertisedIPAddress is { Length: > 0 } ip ? IPAddress.Parse(ip) : FirstHostAddress();
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, siloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, gatewayPort);
                });
            }

            silo.Configure<ClusterMembershipOptions>(o => ApplyMembership(o, settings));
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = settings.ResponseTimeout;
            // On SIGTERM, tell clients to stop using this gateway and give them time before grains move,
            // so a graceful stop under load fails no call.
            o.ClientGatewayShutdownNotificationTimeout = settings.ShutdownTimeout < TimeSpan.FromSeconds(10) ? settings.ShutdownTimeout / 2 : TimeSpan.FromSeconds(5);
        });
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = settings.CollectionAge);
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddPostgresGrainStorage(CommerceStorage.Name);
        silo.AddCommerceGrains();
        // The sandboxes stay registered in every mode; configuration (Provider, Shipping:Mode) decides whether they are used.
        silo.Services.AddCommerceSimulators(usePostgres: true);
        silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(ContractSerialization.NamespacePrefix));
        if (settings.Dashboard)
        {
            silo.AddDashboard();
        }
    }

    /// <summary>An Orleans client that finds the silos' gateways in the PostgreSQL membership table.</summary>
    public static void ConfigureClient(IClientBuilder client, OrleansSettings settings, string connectionString)
    {
        connectionString = PostgresDataSourceFactory.Tune(connectionString);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = settings.GatewayListRefreshPeriod);
        DecorateGatewayList(client.Services, settings.LeavingGatewayMaskTime);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = settings.ClientResponseTimeout);
        client.AddOutgoingGrainCallFilter<UndeliveredCallRetryFilter>();
        client.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(ContractSerialization.NamespacePrefix));
        if (settings.Dashboard)
        {
            client.AddDashboard();
        }
    }

    /// <summary>Wraps the registered gateway list (ADO.NET) in <see cref="LeavingGatewayListProvider"/>.</summary>
    private static void DecorateGatewayList(IServiceCollection services, TimeSpan maskTime)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IGatewayListProvider))
            ?? throw new InvalidOperationException("No Orleans gateway list provider is registered to decorate.");
        services.Remove(registered);
        services.AddSingleton<IGatewayListProvider>(sp => new LeavingGatewayListProvider(
            registered.ImplementationFactory is { } factory ? (IGatewayListProvider)factory(sp)
            : registered.ImplementationInstance is IGatewayListProvider instance ? instance
            : (IGatewayListProvider)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), maskTime));
    }

    private static void ApplyMembership(ClusterMembershipOptions options, OrleansSettings settings)
    {
        options.ProbeTimeout = settings.ProbeTimeout;
        options.NumMissedProbesLimit = settings.NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = settings.NumVotesForDeathDeclaration;
    }

    private static IPAddress FirstHostAddress()
        => Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
           ?? IPAddress.Loopback;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
