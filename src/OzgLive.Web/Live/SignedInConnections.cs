using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Accounts;

namespace OzgLive.Web.Live;

/// <summary>
/// The hub connections of signed-in staff, by session, so that a session that ends (sign-out,
/// lock-out, password change, removal) also ends its open consoles at once: each event it moderated
/// gets <c>AccessRevoked</c>, then the connection is closed. Without this a console opened before the
/// sign-out would keep receiving the pending questions until it reconnects.
/// </summary>
/// <param name="revocations">Null on a single node; with several, the others close their connections of the session too.</param>
public sealed class SignedInConnections(
    IHubContext<LiveHub> hub, StaffConnections staff, ILogger<SignedInConnections> logger, ScaleOut.NodeRevocations? revocations = null) : ISessionEndObserver
{
    private readonly ConcurrentDictionary<string, (long AccountId, string SessionHash, HubCallerContext Context)> connections = new(StringComparer.Ordinal);

    public void Connected(HubCallerContext context)
    {
        if (AccountClaims.AccountId(context.User) is long accountId && AccountSessions.SessionId(context.User) is string session)
        {
            connections[context.ConnectionId] = (accountId, AccountSessions.Hash(session), context);
        }
    }

    public void Disconnected(string connectionId) => connections.TryRemove(connectionId, out _);

    public async Task SessionsEndedAsync(long accountId, string? sessionId)
    {
        // Only the hash crosses to other nodes: the session id itself is a credential.
        var hash = sessionId is null ? null : AccountSessions.Hash(sessionId);
        await SessionsEndedHereAsync(accountId, hash);
        revocations?.Sessions(accountId, hash);
    }

    /// <summary>Closes this node's connections of the account's ended sessions (one by its hash, or all when null).</summary>
    public async Task SessionsEndedHereAsync(long accountId, string? hash)
    {
        foreach (var (connectionId, entry) in connections.Where(c => c.Value.AccountId == accountId && (hash is null || c.Value.SessionHash == hash)).ToList())
        {
            await DropAsync(connectionId, entry.Context);
        }
    }

    /// <summary>Tells the client which events it lost, then closes the connection.</summary>
    public async Task DropAsync(string connectionId, HubCallerContext context)
    {
        connections.TryRemove(connectionId, out _);
        foreach (var eventId in staff.EventsOf(connectionId))
        {
            await hub.Clients.Client(connectionId).SendAsync(ServerMessages.AccessRevoked, new AccessRevoked(eventId));
        }

        logger.LogInformation("Closed a hub connection whose sign-in session ended");
        context.Abort();
    }
}
