using System.Security.Claims;
using Dapper;
using OzgLive.Web.Accounts;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>The one place that decides a caller's role in an event, from the server's own records.</summary>
public sealed class EventAccess(Database database)
{
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
