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
        AccountId(user) is long id ? $"account:{id}" : "anonymous";

    public static ClaimsPrincipal Create(Account account, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, account.DisplayName),
                new Claim(ClaimTypes.Email, account.Email),
                new Claim(ClaimTypes.Role, account.Role),
            ],
            authenticationType));
}
