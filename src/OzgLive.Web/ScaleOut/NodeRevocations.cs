using System.Globalization;
using OzgLive.Web.Live;
using StackExchange.Redis;

namespace OzgLive.Web.ScaleOut;

/// <summary>
/// Access taken away on one node ends on every node: a moderator taken off an event, a presenter key
/// renewed or revoked, a sign-in session ended. The node where it happened cuts off its own
/// connections as before and tells the others over one Redis channel; each cuts off its own. Without
/// this, a console connected to another node would keep receiving pending questions until it reconnects.
/// </summary>
public sealed class NodeRevocations(RedisConnection redis, IServiceProvider services, ILogger<NodeRevocations> logger)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("ozglive:revocations");

    public async Task StartAsync()
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(async message => await ReceiveAsync((string?)message.Message ?? ""));
    }

    /// <summary>A moderator account lost its role in the event.</summary>
    public void Staff(long eventId, long accountId) => Publish($"staff {eventId.ToString(CultureInfo.InvariantCulture)} {accountId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The event's presenter key changed: screens that joined with the old one go.</summary>
    public void PresenterKey(long eventId) => Publish($"presenter {eventId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>An account's sign-in sessions ended (one, by its hash, or all when null).</summary>
    public void Sessions(long accountId, string? sessionHash) => Publish($"session {accountId.ToString(CultureInfo.InvariantCulture)} {sessionHash ?? "*"}");

    private void Publish(string what)
    {
        try
        {
            redis.Multiplexer.GetSubscriber().Publish(Channel, $"{redis.NodeId} {what}", CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            // The revocation itself is stored; another node's connections lose access when they reconnect.
            logger.LogWarning(ex, "Could not tell the other nodes of a revoked access");
        }
    }

    private async Task ReceiveAsync(string message)
    {
        var parts = message.Split(' ');
        if (parts.Length < 3 || parts[0] == redis.NodeId)
        {
            return;
        }

        try
        {
            switch (parts)
            {
                case [_, "staff", var eventId, var accountId]:
                    await services.GetRequiredService<StaffConnections>().RevokeHereAsync(Id(eventId), Id(accountId));
                    break;
                case [_, "presenter", var eventId]:
                    await services.GetRequiredService<PresenterKeys>().CutOffHereAsync(Id(eventId));
                    break;
                case [_, "session", var accountId, var hash]:
                    await services.GetRequiredService<SignedInConnections>().SessionsEndedHereAsync(Id(accountId), hash == "*" ? null : hash);
                    break;
            }
        }
        catch (FormatException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed message on {Channel}", Channel);
        }
    }

    private static long Id(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
