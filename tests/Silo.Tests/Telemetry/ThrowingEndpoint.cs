using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace PacificEdge.Silo.Tests.Telemetry;

/// <summary>
/// Test host only: appends <c>/test/boom</c> after the app's own pipeline, so an unmatched request to it throws
/// inside the app's exception handling like any endpoint's bug would.
/// </summary>
public sealed class ThrowingEndpoint : IStartupFilter
{
    public const string Path = "/test/boom";

    /// <summary>The exception's message carries a card number and a webhook secret, which must not reach Sentry.</summary>
    public const string Message = "Boom from the test host: card 4242 4242 4242 4242, secret whsec_abcdef0123456789";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(Path, boom => boom.Run(_ => throw new InvalidOperationException(Message)));
    };
}
