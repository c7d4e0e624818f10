using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Live;
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

    public PollResultsBroadcaster(Database database, IHubContext<LiveHub> hub, EventFeed feed, TimeProvider time, ILogger<PollResultsBroadcaster> logger)
    {
        this.database = database;
        this.hub = hub;
        this.feed = feed;
        sender = new(time, Interval, SendAsync, logger);
    }

    public void Changed(long eventId, long pollId) => sender.Changed(eventId, pollId);

    private async Task SendAsync(long eventId, IReadOnlyCollection<long> pollIds)
    {
        await using var connection = database.Open();
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
                await hub.Clients.Group(LiveGroups.Audience(eventId))
                    .SendAsync(PollMessageNames.PollResultsChanged, new PollResultsChanged(eventId, pollId, results.ForAudience()));
            }

            await hub.Clients.Group(LiveGroups.Moderators(eventId))
                .SendAsync(PollMessageNames.PollResultsChanged, new PollResultsChanged(eventId, pollId, results));
        }

        // The staff screens (console, presenter) read the new counts too (Live/EventFeed.cs).
        feed.Publish(eventId);
    }
}
