using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// Logs failed hub calls by what they mean. SignalR's dispatcher logs every failed call at Error — including a
/// refused <c>Follow</c> that anyone can provoke — so its category is silenced (<see cref="DispatcherCategory"/>)
/// and this filter logs instead: a <see cref="HubException"/> is the caller's problem (Debug), a passing outage a
/// Warning, anything else is ours (Error).
/// </summary>
public sealed partial class HubFailureLogging(ILogger<HubFailureLogging> logger) : IHubFilter
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException ex)
        {
            LogRefused(invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, ex.Message);
            throw;
        }
        catch (Exception ex) when (PacificEdge.WebFrontend.Infrastructure.RetryableFailure.IsRetryable(ex))
        {
            LogUnavailable(invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, ex.GetType().Name);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Hub}.{Method} refused: {Reason}")]
    private partial void LogRefused(string hub, string method, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Hub}.{Method} failed for now: {Reason}")]
    private partial void LogUnavailable(string hub, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hub}.{Method} failed")]
    private partial void LogFailed(Exception exception, string hub, string method);
}
