using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Live;
using OzgLive.Web.ScaleOut;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Questions;

/// <summary>
/// Sends vote counts at most a few times a second per event (<see cref="CoalescedSender{TKey}"/>):
/// during a busy Q&A hundreds of votes a minute would otherwise become hundreds of messages to every
/// viewer. Each flush reads the stored counts.
/// </summary>
public sealed class VoteBroadcaster
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly CoalescedSender<long> sender;
    private readonly Database database;
    private readonly IHubContext<LiveHub> hub;
    private readonly EventFeed feed;
    private readonly NodeChanges? nodes;

    /// <param name="nodes">Null on a single node; with several, the counts go to the other nodes' viewers too.</param>
    public VoteBroadcaster(Database database, IHubContext<LiveHub> hub, EventFeed feed, TimeProvider time, ILogger<VoteBroadcaster> logger, NodeChanges? nodes = null)
    {
        this.database = database;
        this.hub = hub;
        this.feed = feed;
        this.nodes = nodes;
        sender = new(time, Interval, SendAsync, logger);
    }

    public void Changed(long eventId, long questionId) => sender.Changed(eventId, questionId);

    private async Task SendAsync(long eventId, IReadOnlyCollection<long> questions)
    {
        await using var connection = database.Open();
        var counts = await connection.QueryAsync<(long Id, long Votes)>(
            $"SELECT id, votes FROM questions WHERE id {database.Dialect.In("@ids")} AND status IN ('approved', 'onstage', 'answered')",
            new { ids = questions.ToArray() });
        var message = new VotesChanged(eventId, counts.ToDictionary(c => c.Id.ToString(CultureInfo.InvariantCulture), c => (int)c.Votes));
        if (message.Votes.Count > 0)
        {
            await hub.Clients.Groups(LiveGroups.Audience(eventId), LiveGroups.Moderators(eventId))
                .SendAsync(QuestionMessageNames.VotesChanged, message);
            nodes?.Relay(eventId, [
                Outgoing.ToGroup(LiveGroups.Audience(eventId), 0, QuestionMessageNames.VotesChanged, message),
                Outgoing.ToGroup(LiveGroups.Moderators(eventId), 0, QuestionMessageNames.VotesChanged, message)]);
            // The staff screens read the new counts (Live/EventFeed.cs).
            feed.Publish(eventId);
        }
    }
}
