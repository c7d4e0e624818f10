using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Metrics;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Security;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>
/// Checks <see cref="RequiresEventRoleAttribute"/> before every hub method runs, and turns domain
/// refusals into the coded errors of docs/hub-protocol.md. The role check is
/// EventAccess.RequireAsync, shared with the interactive staff screens; every call is timed here, by method.
/// </summary>
public sealed class LiveHubFilter(
    EventAccess access,
    AccountSessions sessions,
    SignedInConnections signedIn,
    TimeProvider time,
    OzgLiveMetrics metrics,
    ILoggerFactory loggers) : IHubFilter
{
    private readonly ILogger securityLog = loggers.CreateLogger(SecurityLog.Category);
    private readonly ILogger logger = loggers.CreateLogger<LiveHubFilter>();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // Registered before the check: a session that ends in between is either seen as ended here
        // or finds the connection registered and drops it.
        signedIn.Connected(context.Context);
        if (IsSignedIn(context.Context) && !await sessions.IsActiveAsync(context.Context.User!))
        {
            signedIn.Disconnected(context.Context.ConnectionId);
            throw SessionEnded(context.Context);
        }

        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        signedIn.Disconnected(context.Context.ConnectionId);
        return next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // The cookie was checked when the connection opened; the session may have ended since
        // (sign-out in another tab, lock-out): every call of signed-in staff checks again.
        if (IsSignedIn(invocationContext.Context) && !await sessions.IsActiveAsync(invocationContext.Context.User!))
        {
            await signedIn.DropAsync(invocationContext.Context.ConnectionId, invocationContext.Context);
            throw SessionEnded(invocationContext.Context);
        }

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
        catch (ScaleOut.ScaleOutUnavailableException ex)
        {
            throw HubError.Create(ScaleOut.ScaleOutUnavailableException.Code, ex.Message);
        }
        catch (Exception ex) when (Database.IsUnavailable(ex))
        {
            // The database is gone for now (PostgreSQL restarting): the change's transaction never
            // committed, so nothing is half-done; the client may simply try again.
            logger.LogWarning("Hub method {Method} refused: the database is unavailable ({Error})", invocationContext.HubMethodName, ex.GetType().Name);
            invocationContext.ServiceProvider.GetRequiredService<Database>().ForgetPooledConnections();
            throw HubError.StorageUnavailable();
        }
        catch (Exception ex) when (ex is not HubException and not OperationCanceledException)
        {
            // SignalR's own "Failed to invoke hub method" is switched off (LiveExtensions): it logs
            // every refusal as an error with its stack trace, so a flood of refused calls would fill
            // the log. Real faults are logged here instead, with theirs.
            logger.LogError(ex, "Hub method {Method} failed", invocationContext.HubMethodName);
            throw;
        }
    }

    private static bool IsSignedIn(HubCallerContext context) => context.User?.Identity?.IsAuthenticated == true;

    private HubException SessionEnded(HubCallerContext context)
    {
        if (AccountClaims.AccountId(context.User) is long accountId)
        {
            SecurityLog.EndedSessionRefused(securityLog, accountId);
        }

        return HubError.Create("session-ended", "Die Anmeldung wurde beendet. Bitte neu anmelden.");
    }
}
