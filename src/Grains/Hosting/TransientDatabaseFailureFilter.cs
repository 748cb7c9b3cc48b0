using Orleans;
using PacificEdge.Persistence;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Hosting;

/// <summary>
/// Turns a transient PostgreSQL failure inside a grain call into <see cref="StorageUnavailableException"/>:
/// Npgsql's own exceptions cannot cross to a web process (no Orleans codec), and callers must be able to
/// tell "retry shortly" from a bug.
/// </summary>
public sealed class TransientDatabaseFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (TransientDatabaseFailure.IsTransient(ex))
        {
            throw new StorageUnavailableException($"The database is unavailable ({ex.GetBaseException().GetType().Name}); retry shortly.");
        }
    }
}
