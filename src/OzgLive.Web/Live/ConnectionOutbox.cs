using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Web.Live;

public sealed class LiveSendOptions
{
    /// <summary>
    /// How many messages may wait for one connection that is not reading (beyond what the transport
    /// and the operating system buffer) before it is disconnected. It reconnects and resynchronises
    /// by snapshot, as after any gap. The messages are shared by all connections, so waiting ones cost
    /// a reference each.
    /// </summary>
    public int MaxQueuedMessagesPerConnection { get; set; } = 500;
}

/// <summary>
/// What is sent to one connection, in the order it was handed over, without the sender ever waiting
/// for the client. SignalR's own group send awaits every connection's write, so one phone that stopped
/// reading holds up a broadcast to everybody; here a write that cannot finish at once makes only this
/// connection's later messages wait, in a queue of their own. A connection whose queue outgrows
/// <see cref="LiveSendOptions.MaxQueuedMessagesPerConnection"/> is aborted.
/// </summary>
public sealed class ConnectionOutbox(HubConnectionContext connection, int maxQueued, ILogger logger)
{
    private readonly Lock gate = new();
    private readonly List<string> groups = [];

    // Null while the transport takes every write at once (the usual case); otherwise the messages
    // waiting behind the write in flight, which DrainAsync sends one after another.
    private Queue<SerializedHubMessage>? waiting;
    private bool stopped;

    public HubConnectionContext Connection { get; } = connection;

    /// <summary>Hands a message over; never waits. Messages leave in the order of these calls.</summary>
    public void Send(SerializedHubMessage message)
    {
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            if (waiting is not null)
            {
                if (waiting.Count >= maxQueued)
                {
                    Overflow();
                    return;
                }

                waiting.Enqueue(message);
                return;
            }

            // Started under the gate, so that two senders cannot swap the order of their messages.
            var write = Connection.WriteAsync(message);
            if (write.IsCompletedSuccessfully)
            {
                return;
            }

            waiting = new Queue<SerializedHubMessage>();
            _ = DrainAsync(write);
        }
    }

    /// <summary>The groups this connection is in, so that leaving removes it everywhere.</summary>
    public void Joined(string group)
    {
        lock (gate)
        {
            groups.Add(group);
        }
    }

    public void Left(string group)
    {
        lock (gate)
        {
            groups.Remove(group);
        }
    }

    /// <returns>The groups it was in; it sends nothing more.</returns>
    public IReadOnlyList<string> Stop()
    {
        lock (gate)
        {
            stopped = true;
            waiting = null;
            return [.. groups];
        }
    }

    public bool IsStopped
    {
        get
        {
            lock (gate)
            {
                return stopped;
            }
        }
    }

    private async Task DrainAsync(ValueTask write)
    {
        while (true)
        {
            try
            {
                await write;
            }
            catch (Exception ex)
            {
                // HubConnectionContext handles its own write failures; this is only a last guard.
                logger.LogWarning(ex, "Writing to {ConnectionId} failed", Connection.ConnectionId);
                Stop();
                Abort();
                return;
            }

            lock (gate)
            {
                if (stopped || waiting is null || !waiting.TryDequeue(out var next))
                {
                    waiting = null;
                    return;
                }

                write = Connection.WriteAsync(next);
            }
        }
    }

    private void Overflow()
    {
        stopped = true;
        waiting = null;
        logger.LogWarning(
            "Disconnected {ConnectionId}: more than {MaxQueued} messages waited for it; it resynchronises when it reconnects",
            Connection.ConnectionId, maxQueued);
        Abort();
    }

    private void Abort()
    {
        Connection.Abort();

        // SignalR's abort lets the write in flight finish first, and so does its disconnect handling,
        // which a client that does not read never allows; closing the request's TCP connection fails
        // that write, and the connection ends.
        try
        {
            Connection.GetHttpContext()?.Abort();
        }
        catch (ObjectDisposedException)
        {
            // A long-polling request that already ended: SignalR's abort suffices there.
        }
    }
}
