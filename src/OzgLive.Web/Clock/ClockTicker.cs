using Microsoft.AspNetCore.SignalR;
using Dapper;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Clock;

public sealed class ClockOptions
{
    /// <summary>How often live events are checked for auto-advance and presenter warnings.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Off in tests that drive <see cref="ClockTicker.TickAsync"/> themselves.</summary>
    public bool RunInBackground { get; set; } = true;
}

/// <summary>
/// The only thing that acts on the passing of time: it advances blocks whose time is up (when
/// auto-advance is on) and warns presenters at 5 minutes, 1 minute and overtime.
/// </summary>
/// <remarks>
/// With several nodes every node ticks: each warns its own presenter screens, and what changes state
/// on time (auto-advance, backstage notes' expiry, a poll's time limit) is idempotent, each checked
/// again inside its write transaction, so the first node stores it and the others find nothing due.
/// A poll's time limit is also a timer on the node that opened it; if that node dies, the others'
/// ticks close the poll (<paramref name="nodes"/>).
/// </remarks>
/// <param name="nodes">Null on a single node, where the opening node's timer alone closes polls.</param>
public sealed class ClockTicker(
    Database database,
    ClockService clock,
    OzgLive.Web.Questions.QuestionService questions,
    OzgLive.Web.Polls.PollService polls,
    IHubContext<LiveHub> hub,
    TimeProvider time,
    IOptions<ClockOptions> options,
    ILogger<ClockTicker> logger,
    OzgLive.Web.ScaleOut.NodeChanges? nodes = null) : BackgroundService
{
    private readonly SemaphoreSlim tickGate = new(1, 1);

    // The last warning sent per event and block. Kept in memory: after a restart a presenter may
    // see the current warning once more, which is harmless.
    private readonly Dictionary<(long EventId, int Block), ClockWarningLevel> warned = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        do
        {
            try
            {
                await TickAsync();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // One failed tick (a locked database, say) must not stop the clock for good.
                logger.LogError(ex, "Clock tick failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task TickAsync()
    {
        await tickGate.WaitAsync();
        try
        {
            List<long> live;
            IReadOnlyList<long> withDueNotes;
            List<(long EventId, long Id, string ClosesAt)> duePolls = [];
            await using (var connection = database.Open())
            {
                live = (await connection.QueryAsync<long>("SELECT id FROM events WHERE status = 'live'")).AsList();
                withDueNotes = await OzgLive.Web.Questions.BackstageNotes.EventsWithDueNotesAsync(connection, time.GetUtcNow());
                if (nodes is not null)
                {
                    duePolls = (await connection.QueryAsync<(long, long, string)>(
                        "SELECT event_id, id, closes_utc FROM polls WHERE state = 'open' AND closes_utc IS NOT NULL AND closes_utc <= @now",
                        new { now = time.GetUtcNow() })).AsList();
                }
            }

            foreach (var (eventId, pollId, closesAt) in duePolls)
            {
                // Closes now (its time is past) unless another node closed it already.
                polls.ScheduleClose(eventId, pollId, UtcTimeHandler.FromText(closesAt));
            }

            foreach (var eventId in withDueNotes)
            {
                // Backstage notes given a duration go when it is up.
                await questions.ExpireBackstageAsync(eventId);
            }

            foreach (var eventId in live)
            {
                try
                {
                    await clock.AutoAdvanceAsync(eventId);
                    await WarnAsync(eventId);
                }
                catch (Exception ex) when (ex is ClockCommandException or System.Data.Common.DbException)
                {
                    // One event's trouble must not hold up the clocks of the others.
                    logger.LogError(ex, "Clock tick failed for event {EventId}", eventId);
                }
            }
        }
        finally
        {
            tickGate.Release();
        }
    }

    private async Task WarnAsync(long eventId)
    {
        if (await clock.ReadAsync(eventId) is not var (_, state, now) || state.Current is not BlockClock block)
        {
            return;
        }

        var level = block.Warning(now);
        var key = (eventId, block.Number);
        var previous = warned.GetValueOrDefault(key, ClockWarningLevel.None);
        // Extending a block lowers the level again; the next crossing warns anew.
        warned[key] = level;
        if (level > previous)
        {
            // Presenters and moderators only: viewers see the countdown, not the nudges to wrap up.
            await hub.Clients.Groups(LiveGroups.Presenters(eventId), LiveGroups.Moderators(eventId)).SendAsync(
                ServerMessages.ClockWarning,
                new ClockWarning(eventId, block.Number, level, block.EndsAt, (int)Math.Floor(block.Remaining(now).TotalSeconds), now));
        }
    }
}
