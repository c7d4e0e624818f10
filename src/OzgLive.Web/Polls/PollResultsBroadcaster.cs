using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Live;
using OzgLive.Web.ScaleOut;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Polls;

/// <summary>
/// Sends poll results at most four times a second per event (<see cref="CoalescedSender{TKey}"/>):
/// 10,000 answers become a few dozen messages, never one per answer. Each flush reads the stored
/// counts; moderators always get them, viewers and presenter screens only while the results are public.
/// </summary>
public sealed class PollResultsBroadcaster
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly CoalescedSender<long> sender;
    private readonly Database database;
    private readonly IHubContext<LiveHub> hub;
    private readonly EventFeed feed;
    private readonly NodeChanges? nodes;

    /// <param name="nodes">Null on a single node; with several, the results go to the other nodes' clients too.</param>
    public PollResultsBroadcaster(Database database, IHubContext<LiveHub> hub, EventFeed feed, TimeProvider time, ILogger<PollResultsBroadcaster> logger, NodeChanges? nodes = null)
    {
        this.database = database;
        this.hub = hub;
        this.feed = feed;
        this.nodes = nodes;
        sender = new(time, Interval, SendAsync, logger);
    }

    public void Changed(long eventId, long pollId) => sender.Changed(eventId, pollId);

    private async Task SendAsync(long eventId, IReadOnlyCollection<long> pollIds)
    {
        await using var connection = database.Open();
        var relayed = new List<Outgoing>();
        foreach (var pollId in pollIds)
        {
            var poll = await PollStore.LoadAsync(connection, null, pollId);
            if (poll is null)
            {
                continue;
            }

            var results = await PollStore.ResultsAsync(connection, null, poll);
            // The audience's copy is queued first: once a moderator has the results, a viewer's next
            // round trip shows whether they were sent to viewers too (the tests rely on that order).
            if (poll.ResultsPublic)
            {
                var forAudience = new PollResultsChanged(eventId, pollId, results.ForAudience());
                await hub.Clients.Group(LiveGroups.Audience(eventId)).SendAsync(PollMessageNames.PollResultsChanged, forAudience);
                relayed.Add(Outgoing.ToGroup(LiveGroups.Audience(eventId), 0, PollMessageNames.PollResultsChanged, forAudience));
            }

            var forModerators = new PollResultsChanged(eventId, pollId, results);
            await hub.Clients.Group(LiveGroups.Moderators(eventId)).SendAsync(PollMessageNames.PollResultsChanged, forModerators);
            relayed.Add(Outgoing.ToGroup(LiveGroups.Moderators(eventId), 0, PollMessageNames.PollResultsChanged, forModerators));
        }

        nodes?.Relay(eventId, relayed);

        // The staff screens (console, presenter) read the new counts too (Live/EventFeed.cs).
        feed.Publish(eventId);
    }
}
