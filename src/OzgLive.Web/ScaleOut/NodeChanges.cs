using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;
using StackExchange.Redis;

namespace OzgLive.Web.ScaleOut;

/// <summary>
/// Each committed change of an event, published once to the other nodes over one Redis channel and
/// received from them: every node hands every change to its own connections through its own outbound
/// queue (<see cref="EventBroadcasts"/>, <see cref="LiveHubLifetimeManager"/>: never waiting for a
/// client), in number order (<see cref="ChangeSequencer"/>), and marks its cached viewers' snapshot
/// outdated first (<see cref="SnapshotReader.Changed"/>). Staff screens follow, since the queue
/// publishes each delivered change to <see cref="EventFeed"/>.
/// </summary>
/// <remarks>
/// Why not SignalR's Redis backplane here: its lifetime manager replaces ours and awaits every local
/// connection's write (a few stalled phones would hold up the whole channel again, issue 10), and it
/// knows nothing of the events' numbered streams. The messages cross as JSON, serialized with the
/// hub's own payload settings, and are sent on as that JSON: a client cannot tell which node made a change.
/// </remarks>
public sealed class NodeChanges(
    RedisConnection redis,
    ChangeSequencer sequencer,
    SnapshotReader snapshots,
    EventFeed feed,
    IOptions<JsonHubProtocolOptions> hubJson,
    ILogger<NodeChanges> logger)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("ozglive:changes");

    private readonly JsonSerializerOptions payloadOptions = hubJson.Value.PayloadSerializerOptions;

    /// <summary>Refuses a change before it is stored while the other nodes cannot be told of it.</summary>
    public void EnsureConnected() => redis.EnsureConnected();

    /// <summary>
    /// A committed change of this node: to the other nodes, and to this node's connections in number
    /// order. Called under the event's lock, so this node publishes its changes in commit order.
    /// </summary>
    /// <param name="snapshotChanged">Whether it changed what viewers see (the other nodes drop their cached snapshot).</param>
    /// <returns>Completes when this node's connections have it.</returns>
    public Task Publish(long eventId, IReadOnlyList<Outgoing> messages, bool snapshotChanged)
    {
        Send(eventId, messages, snapshotChanged);
        return sequencer.Offer(eventId, messages);
    }

    /// <summary>
    /// Messages outside the numbered streams that this node sent to its own connections (vote counts,
    /// poll results, viewer counts): the other nodes send them to theirs.
    /// </summary>
    public void Relay(long eventId, IReadOnlyList<Outgoing> messages) => Send(eventId, messages, snapshotChanged: false);

    /// <summary>Subscribes to the other nodes' changes; before the node serves.</summary>
    public async Task StartAsync()
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel);
        // One message after the other, in the order Redis delivered them.
        queue.OnMessage(message => Receive(message.Message));
        redis.Restored += Resynchronise;
    }

    private void Send(long eventId, IReadOnlyList<Outgoing> messages, bool snapshotChanged)
    {
        if (messages.Count == 0 && !snapshotChanged)
        {
            return;
        }

        var envelope = new Envelope(
            redis.NodeId,
            eventId,
            snapshotChanged,
            [.. messages.Select(m => new EnvelopeMessage(
                m.Group, m.ViewerId, m.Seq, m.Method, JsonSerializer.SerializeToElement(m.Message, m.Message.GetType(), payloadOptions)))]);
        try
        {
            // Fire and forget keeps the order of these calls (one connection) without waiting here,
            // under the event's lock, for Redis to answer.
            redis.Multiplexer.GetSubscriber().Publish(Channel, JsonSerializer.SerializeToUtf8Bytes(envelope), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            // Lost between the check before the write and now: the change is stored; the other
            // nodes' clients see the gap at the next change and resynchronise.
            logger.LogWarning(ex, "Could not tell the other nodes of a change of event {EventId}", eventId);
        }
    }

    private void Receive(RedisValue value)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>((byte[])value!);
            if (envelope is null || envelope.Node == redis.NodeId)
            {
                return;
            }

            if (envelope.SnapshotChanged)
            {
                // Before the change is queued here, as on the node that made it.
                snapshots.Changed(envelope.EventId);
            }

            var messages = envelope.Messages.Select(m => new Outgoing(m.Group, m.ViewerId, m.Seq, m.Method, m.Message)).ToList();
            if (messages.Count == 0)
            {
                // Votes without a message of their own: the staff screens read again.
                feed.Publish(envelope.EventId);
                return;
            }

            _ = sequencer.Offer(envelope.EventId, messages);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            logger.LogWarning(ex, "Ignored a malformed message on {Channel}", Channel);
        }
    }

    /// <summary>
    /// After Redis was lost for a while: what other nodes changed meanwhile never arrived here. Cached
    /// snapshots go, staff screens read again; the viewers resynchronise at the next change's gap.
    /// </summary>
    private void Resynchronise()
    {
        foreach (var eventId in sequencer.Events)
        {
            snapshots.Changed(eventId);
            feed.Publish(eventId);
        }
    }

    private sealed record Envelope(string Node, long EventId, bool SnapshotChanged, IReadOnlyList<EnvelopeMessage> Messages);

    private sealed record EnvelopeMessage(string? Group, string? ViewerId, long Seq, string Method, JsonElement Message);
}
