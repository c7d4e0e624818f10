namespace OzgLive.Web.Security;

/// <summary>
/// The security events an operator (or an authority's audit) looks for, under one category so they can
/// be routed and kept on their own: each at warning level, once, without an exception or stack trace,
/// and without personal data - accounts appear by id, never by e-mail or name; no question text, no
/// passwords, no keys. Addresses are logged because that is what makes a brute-force attempt traceable
/// (the same address already shows in any proxy's access log).
/// </summary>
public static partial class SecurityLog
{
    public const string Category = "OzgLive.Security";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Failed sign-in for account {Account} from {Address}")]
    public static partial void FailedSignIn(ILogger logger, string account, string address);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Account {Account} locked out after repeated failed sign-ins (last from {Address})")]
    public static partial void LockedOut(ILogger logger, string account, string address);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Sign-in refused for account {Account} from {Address}: locked out")]
    public static partial void SignInWhileLockedOut(ILogger logger, string account, string address);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Sessions of account {AccountId} ended: {Reason} ({Count} session(s))")]
    public static partial void SessionsEnded(ILogger logger, long accountId, string reason, int count);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Refused a request with an ended session of account {AccountId}")]
    public static partial void EndedSessionRefused(ILogger logger, long accountId);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Refused hub call {Method} on event {EventId} for {Actor}: role {Role} below {Required}")]
    public static partial void HubRoleRefused(ILogger logger, string method, long eventId, string actor, string role, string required);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Refused a hub connection from a foreign origin (from {Address})")]
    public static partial void ForeignOrigin(ILogger logger, string address);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Refused a hub connection from {Address}: {Open} connections already open from there")]
    public static partial void TooManyConnections(ILogger logger, string address, int open);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Rate limit {Kind} refused {Count} call(s) since its last report (at most one report a minute)")]
    public static partial void RateLimited(ILogger logger, string kind, int count);
}
