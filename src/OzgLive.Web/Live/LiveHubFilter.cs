using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Clock;
using OzgLive.Web.Metrics;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

/// <summary>
/// Checks <see cref="RequiresEventRoleAttribute"/> before every hub method runs, and turns domain
/// refusals into the coded errors of docs/hub-protocol.md. The role check is
/// EventAccess.RequireAsync, shared with the interactive staff screens; every call is timed here, by method.
/// </summary>
public sealed class LiveHubFilter(EventAccess access, TimeProvider time, OzgLiveMetrics metrics) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var started = time.GetTimestamp();
        try
        {
            return await CheckedInvokeAsync(invocationContext, next);
        }
        finally
        {
            // The method name is one of the hub's own: SignalR refuses unknown ones before any filter.
            metrics.HubCallEnded(invocationContext.HubMethodName, time.GetElapsedTime(started));
        }
    }

    private async ValueTask<object?> CheckedInvokeAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var required = invocationContext.HubMethod.GetCustomAttribute<RequiresEventRoleAttribute>();
        if (required is not null)
        {
            if (invocationContext.HubMethodArguments.Count == 0 || invocationContext.HubMethodArguments[0] is not long eventId)
            {
                throw new InvalidOperationException($"{invocationContext.HubMethodName} must take the event id first.");
            }

            try
            {
                await access.RequireAsync(invocationContext.Context.User, eventId, required.Role, invocationContext.HubMethodName);
            }
            catch (EventAccessDeniedException ex)
            {
                throw HubError.Forbidden(ex.Required);
            }
        }

        try
        {
            return await next(invocationContext);
        }
        catch (ClockCommandException ex)
        {
            throw HubError.Create(ex.Code, ex.Message);
        }
        catch (QuestionException ex)
        {
            throw HubError.Create(ex.Code, ex.Message);
        }
        catch (PollException ex)
        {
            throw HubError.Create(ex.Code, ex.Message);
        }
    }
}
