using System.Security.Claims;
using Dapper;
using OzgLive.Web.Accounts;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>The one place that decides a caller's role in an event, from the server's own records.</summary>
public sealed class EventAccess(Database database, ILoggerFactory loggers)
{
    private readonly ILogger securityLog = loggers.CreateLogger(Security.SecurityLog.Category);

    /// <summary>
    /// The one role check of every staff action, from the hub (<see cref="LiveHubFilter"/>) and from
    /// the interactive screens alike.
    /// </summary>
    /// <param name="action">What was attempted, for the log (a method name, never a question's text).</param>
    /// <exception cref="EventAccessDeniedException">The caller's role is below <paramref name="required"/>.</exception>
    public async Task<EventRole> RequireAsync(ClaimsPrincipal? user, long eventId, EventRole required, string action)
    {
        var role = await GetRoleAsync(user, eventId);
        if (role < required)
        {
            // A security event (ASVS 16.3): who tried what, never a question's text.
            Security.SecurityLog.HubRoleRefused(securityLog, action, eventId, AccountClaims.Actor(user), role.ToString(), required.ToString());
            throw new EventAccessDeniedException(required);
        }

        return role;
    }

    public async Task<EventRole> GetRoleAsync(ClaimsPrincipal? user, long eventId)
    {
        if (user?.Identity?.IsAuthenticated != true || AccountClaims.AccountId(user) is not long accountId)
        {
            return EventRole.Viewer;
        }

        if (user.IsInRole(AccountRoles.Organiser))
        {
            return EventRole.Organiser;
        }

        if (user.IsInRole(AccountRoles.Moderator))
        {
            await using var connection = database.Open();
            var assigned = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM event_moderators WHERE event_id = @eventId AND account_id = @accountId",
                new { eventId, accountId });
            return assigned > 0 ? EventRole.Moderator : EventRole.Viewer;
        }

        return EventRole.Viewer;
    }
}

/// <summary>A caller lacks the role an action needs; the text names who may do it.</summary>
public sealed class EventAccessDeniedException(EventRole required) : Exception(required >= EventRole.Organiser
    ? "Dafür fehlt die Berechtigung: Nur die Organisation darf das."
    : "Dafür fehlt die Berechtigung: Nur Moderierende dieser Veranstaltung dürfen das.")
{
    public const string Code = "forbidden";

    public EventRole Required { get; } = required;
}
