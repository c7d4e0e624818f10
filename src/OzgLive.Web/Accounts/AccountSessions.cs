using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using OzgLive.Web.Security;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Accounts;

/// <summary>Why sessions ended; logged, and what an observer may act on.</summary>
public enum SessionEndReason
{
    SignedOut,
    SignedOutEverywhere,
    PasswordChanged,
    LockedOut,
    AccountRemoved,
}

/// <summary>Told when sessions end, so that open hub connections of those sessions are dropped at once.</summary>
public interface ISessionEndObserver
{
    /// <param name="sessionId">One session, or null for every session of the account.</param>
    Task SessionsEndedAsync(long accountId, string? sessionId);
}

/// <summary>
/// Server-side sign-in sessions. The encrypted sign-in cookie alone would stay valid until it expires,
/// whatever the server later decides; with a row per session that every request and every hub call
/// checks (<see cref="IsActiveAsync"/>), ending a session takes effect at once, also for a copy of the
/// cookie (ASVS 7.4.1, 7.4.2). One primary-key lookup per signed-in request: staff are few.
/// </summary>
public sealed class AccountSessions(
    Database database,
    TimeProvider time,
    IOptions<AccountOptions> options,
    IEnumerable<ISessionEndObserver> observers,
    ILoggerFactory loggers)
{
    public const string SessionClaim = "ozglive:session";

    private readonly ILogger logger = loggers.CreateLogger(SecurityLog.Category);

    /// <summary>Starts a session; its id goes into the sign-in cookie as <see cref="SessionClaim"/>.</summary>
    public async Task<string> StartAsync(long accountId)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var connection = database.Open();
        // Expired rows of everyone go here, at the rare moment someone signs in: no timer needed.
        await connection.ExecuteAsync(
            "DELETE FROM account_sessions WHERE created_utc <= @oldest",
            new { oldest = now - options.Value.AbsoluteSessionLifetime });
        await connection.ExecuteAsync(
            "INSERT INTO account_sessions (id_hash, account_id, created_utc) VALUES (@hash, @accountId, @now)",
            new { hash = Hash(id), accountId, now });
        return id;
    }

    /// <summary>Whether the signed-in <paramref name="user"/>'s session still counts. Anonymous callers have none to check.</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal user)
    {
        if (AccountClaims.AccountId(user) is not long accountId || SessionId(user) is not string id)
        {
            return false;
        }

        await using var connection = database.Open();
        var active = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM account_sessions WHERE id_hash = @hash AND account_id = @accountId AND created_utc > @oldest",
            new { hash = Hash(id), accountId, oldest = time.GetUtcNow() - options.Value.AbsoluteSessionLifetime });
        return active > 0;
    }

    /// <summary>Ends the session of this cookie (sign-out).</summary>
    public async Task EndAsync(ClaimsPrincipal user)
    {
        if (AccountClaims.AccountId(user) is not long accountId || SessionId(user) is not string id)
        {
            return;
        }

        await using var connection = database.Open();
        var ended = await connection.ExecuteAsync(
            "DELETE FROM account_sessions WHERE id_hash = @hash AND account_id = @accountId",
            new { hash = Hash(id), accountId });
        SecurityLog.SessionsEnded(logger, accountId, nameof(SessionEndReason.SignedOut), ended);
        await NotifyAsync(accountId, id);
    }

    /// <summary>Ends every session of the account, on pages and on open hub connections.</summary>
    public async Task EndAllAsync(long accountId, SessionEndReason reason)
    {
        await using var connection = database.Open();
        var ended = await connection.ExecuteAsync("DELETE FROM account_sessions WHERE account_id = @accountId", new { accountId });
        SecurityLog.SessionsEnded(logger, accountId, reason.ToString(), ended);
        await NotifyAsync(accountId, null);
    }

    public static string? SessionId(ClaimsPrincipal? user) => user?.FindFirstValue(SessionClaim);

    /// <summary>What the registry of hub connections keys on: the hash, never the id itself.</summary>
    public static string Hash(string sessionId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private async Task NotifyAsync(long accountId, string? sessionId)
    {
        foreach (var observer in observers)
        {
            await observer.SessionsEndedAsync(accountId, sessionId);
        }
    }
}
