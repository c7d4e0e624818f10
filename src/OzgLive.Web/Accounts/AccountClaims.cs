using System.Globalization;
using System.Security.Claims;

namespace OzgLive.Web.Accounts;

public static class AccountRoles
{
    public const string Organiser = "organiser";
    public const string Moderator = "moderator";

    public static bool IsKnown(string role) => role is Organiser or Moderator;
}

public static class AccountClaims
{
    public static long? AccountId(ClaimsPrincipal? user) =>
        long.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>How the audit trail and the clock's facts name the caller.</summary>
    public static string Actor(ClaimsPrincipal? user) =>
        AccountId(user) is long id ? Name(id) : "anonymous";

    /// <summary>An account as logs and the audit trail name it: by id, never by e-mail or name.</summary>
    public static string Name(long accountId) => $"account:{accountId.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="sessionId">
    /// The server-side session (<see cref="AccountSessions"/>) of a sign-in; a cookie without one is
    /// refused. Null only for principals that never become a cookie (component tests).
    /// </param>
    public static ClaimsPrincipal Create(Account account, string authenticationType, string? sessionId = null)
    {
        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Email, account.Email),
            new Claim(ClaimTypes.Role, account.Role),
        ];
        if (sessionId is not null)
        {
            claims.Add(new Claim(AccountSessions.SessionClaim, sessionId));
        }

        return new(new ClaimsIdentity(claims, authenticationType));
    }
}
