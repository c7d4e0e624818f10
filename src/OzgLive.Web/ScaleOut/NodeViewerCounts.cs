using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;
using StackExchange.Redis;

namespace OzgLive.Web.ScaleOut;

/// <summary>
/// The viewer counts of the other nodes, so that moderators see every node's viewers, wherever
/// they are connected. Each node keeps its own count per event in a Redis hash (one field per node,
/// "count:valid-until") and renews it every <see cref="RedisOptions.HeartbeatInterval"/>; a field
/// not renewed for three intervals (a node that died) no longer counts. A node whose count changed
/// says so on a channel, and every other node reads the hash again and tells its moderators
/// (<see cref="ViewerCounter"/>, at most once per its interval).
/// </summary>
/// <remarks>Redis 7.0 (Debian's) has no expiry per hash field: hence the time in the value. Nodes' clocks are assumed to agree within a second or so (NTP).</remarks>
public sealed class NodeViewerCounts(
    RedisConnection redis,
    IServiceProvider services,
    TimeProvider time,
    IOptions<RedisOptions> options,
    ILogger<NodeViewerCounts> logger) : IDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("ozglive:viewer-counts");

    private readonly ConcurrentDictionary<long, int> elsewhere = new();
    private ITimer? heartbeat;

    /// <summary>The viewers of this event on the other nodes, as last read.</summary>
    public int Elsewhere(long eventId) => elsewhere.GetValueOrDefault(eventId);

    public async Task StartAsync()
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(async message =>
        {
            var text = ((string?)message.Message ?? "").Split(' ');
            if (text is [var node, var id] && node != redis.NodeId && long.TryParse(id, CultureInfo.InvariantCulture, out var eventId))
            {
                await RefreshAsync(eventId);
            }
        });
        heartbeat = time.CreateTimer(_ => _ = BeatAsync(), null, options.Value.HeartbeatInterval, options.Value.HeartbeatInterval);
    }

    /// <summary>This node's count of the event changed: stored for the others, and announced.</summary>
    public void Report(long eventId, int viewers)
    {
        if (!redis.IsConnected)
        {
            // Renewed by the heartbeat once Redis is back.
            return;
        }

        try
        {
            Store(eventId, viewers);
            redis.Multiplexer.GetSubscriber().Publish(Channel, $"{redis.NodeId} {eventId.ToString(CultureInfo.InvariantCulture)}", CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not share the viewer count of event {EventId}", eventId);
        }
    }

    private void Store(long eventId, int viewers)
    {
        var database = redis.Multiplexer.GetDatabase();
        var key = Key(eventId);
        if (viewers == 0)
        {
            database.HashDelete(key, redis.NodeId, CommandFlags.FireAndForget);
            return;
        }

        var validUntil = time.GetUtcNow().Add(options.Value.HeartbeatInterval * 3).ToUnixTimeMilliseconds();
        database.HashSet(key, redis.NodeId, $"{viewers}:{validUntil}", flags: CommandFlags.FireAndForget);
        // An event's hash goes a day after its last viewer.
        database.KeyExpire(key, TimeSpan.FromDays(1), CommandFlags.FireAndForget);
    }

    private async Task RefreshAsync(long eventId)
    {
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var sum = 0;
            foreach (var field in await redis.Multiplexer.GetDatabase().HashGetAllAsync(Key(eventId)))
            {
                var parts = ((string?)field.Value ?? "").Split(':');
                if (field.Name == redis.NodeId || parts.Length != 2
                    || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var viewers)
                    || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var validUntil))
                {
                    continue;
                }

                if (validUntil >= now)
                {
                    sum += viewers;
                }
            }

            if (elsewhere.TryGetValue(eventId, out var before) && before == sum)
            {
                return;
            }

            elsewhere[eventId] = sum;
            services.GetRequiredService<ViewerCounter>().OtherNodesChanged(eventId);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not read the viewer counts of event {EventId}", eventId);
        }
    }

    /// <summary>Renews this node's counts and reads the others' again, so a silent node's viewers drop out.</summary>
    private async Task BeatAsync()
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            var counter = services.GetRequiredService<ViewerCounter>();
            foreach (var (eventId, viewers) in counter.LocalCounts())
            {
                Store(eventId, viewers);
            }

            foreach (var eventId in counter.FollowedEvents().Union(elsewhere.Keys))
            {
                await RefreshAsync(eventId);
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogWarning(ex, "Viewer count heartbeat failed");
        }
    }

    private static RedisKey Key(long eventId) => $"ozglive:viewers:{eventId.ToString(CultureInfo.InvariantCulture)}";

    public void Dispose() => heartbeat?.Dispose();
}
