using Orleans.Messaging;

namespace PacificEdge.Silo.Hosting;

/// <summary>
/// The ADO.NET gateway list with a longer <see cref="IGatewayListProvider.MaxStaleness"/>. Orleans' client keeps a gateway
/// that told it "stop sending to me" (the leaving silo's shutdown notice) masked for MaxStaleness, and keeps the connection
/// to a masked gateway open so replies still arrive. With the provider's default (one refresh period) the mask lapsed while
/// the leaving silo still drained its grains; the next refresh no longer listed the silo (ShuttingDown), so the client
/// closed the connection and every reply the leaving silo sent afterwards was lost (a 503 after the response timeout, one
/// per grain of that silo, issue 8). Masking for <see cref="OrleansSettings.LeavingGatewayMaskTime"/> covers a whole stop.
/// The same time bounds how long a gateway that failed a socket is avoided; with every gateway avoided the client tries
/// them all again, so a longer time never leaves it without one.
/// </summary>
public sealed class LeavingGatewayListProvider(IGatewayListProvider inner, TimeSpan maskTime) : IGatewayListProvider
{
    public TimeSpan MaxStaleness => maskTime > inner.MaxStaleness ? maskTime : inner.MaxStaleness;

    [Obsolete("Orleans no longer reads it; the interface still declares it.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => inner.InitializeGatewayListProvider();

    public Task<IList<Uri>> GetGateways() => inner.GetGateways();
}
