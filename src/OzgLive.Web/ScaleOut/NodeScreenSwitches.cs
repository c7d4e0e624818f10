using System.Globalization;
using OzgLive.Web.Live;
using StackExchange.Redis;

namespace OzgLive.Web.ScaleOut;

/// <summary>
/// Screen switches (<see cref="ScreenSwitches"/>: the overlay's parts, the presenter screen's QR code)
/// on every node: a moderator's switch is kept where it was set and published on one Redis channel;
/// each other node keeps it too and tells its own overlays and presenter screens.
/// </summary>
public sealed class NodeScreenSwitches(RedisConnection redis, ILogger<NodeScreenSwitches> logger) : ScreenSwitches
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("ozglive:screen-switches");

    public async Task StartAsync()
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(async message => await ReceiveAsync((string?)message.Message ?? ""));
    }

    protected override void Publish(long eventId, string name, bool on)
    {
        try
        {
            redis.Multiplexer.GetSubscriber().Publish(
                Channel, $"{redis.NodeId} {eventId.ToString(CultureInfo.InvariantCulture)} {name} {(on ? 1 : 0)}", CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            // The switch holds here; the other nodes' screens keep the old one until it is switched again.
            logger.LogWarning(ex, "Could not tell the other nodes of a screen switch");
        }
    }

    private async Task ReceiveAsync(string message)
    {
        if (message.Split(' ') is not [var node, var eventId, var name, var on] || node == redis.NodeId
            || !long.TryParse(eventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        await SetHereAsync(id, name, on == "1");
    }
}
