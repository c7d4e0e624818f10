using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Questions;

/// <summary>
/// Sends vote counts at most a few times a second per event: during a busy Q&A hundreds of votes
/// a minute would otherwise become hundreds of messages to every viewer. Each flush reads the
/// stored counts, so whatever the timing, clients end with the numbers in the database.
/// </summary>
public sealed class VoteBroadcaster(Database database, IHubContext<LiveHub> hub, EventFeed feed, TimeProvider time, ILogger<VoteBroadcaster> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Lock gate = new();
    private readonly Dictionary<long, HashSet<long>> pending = [];
    private readonly ConcurrentDictionary<long, SemaphoreSlim> flushing = new();

    public void Changed(long eventId, long questionId)
    {
        lock (gate)
        {
            if (pending.TryGetValue(eventId, out var questions))
            {
                questions.Add(questionId);
                return;
            }

            pending[eventId] = [questionId];
        }

        _ = FlushLaterAsync(eventId);
    }

    private async Task FlushLaterAsync(long eventId)
    {
        try
        {
            await Task.Delay(Interval, time);

            // One flush per event at a time. Otherwise a slow flush could read its counts, be
            // overtaken by the next one, and deliver its older counts last: clients would keep them.
            var sending = flushing.GetOrAdd(eventId, _ => new SemaphoreSlim(1, 1));
            await sending.WaitAsync();
            try
            {
                HashSet<long> questions;
                lock (gate)
                {
                    if (!pending.Remove(eventId, out questions!))
                    {
                        return;
                    }
                }

                await using var connection = database.Open();
                var counts = await connection.QueryAsync<(long Id, long Votes)>(
                    "SELECT id, votes FROM questions WHERE id IN @ids AND status IN ('approved', 'onstage', 'answered')",
                    new { ids = questions.ToArray() });
                var message = new VotesChanged(eventId, counts.ToDictionary(c => c.Id.ToString(CultureInfo.InvariantCulture), c => (int)c.Votes));
                if (message.Votes.Count > 0)
                {
                    await hub.Clients.Groups(LiveGroups.Audience(eventId), LiveGroups.Moderators(eventId))
                        .SendAsync(QuestionMessageNames.VotesChanged, message);
                    feed.Publish(eventId);
                }
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception ex)
        {
            // A lost count update heals with the next vote or snapshot; it must not crash the app.
            logger.LogWarning(ex, "Sending vote counts for event {EventId} failed", eventId);
        }
    }
}
