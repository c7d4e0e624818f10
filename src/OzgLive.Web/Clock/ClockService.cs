using System.Data;
using Dapper;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Clock;

/// <summary>
/// Runs clock commands through <see cref="EventChanges"/>: under the event's lock, in one write
/// transaction, it replays the stored facts, applies the command through <see cref="ClockMachine"/>,
/// stores the new fact, and after the commit every client in the event gets ClockChanged.
/// </summary>
public sealed class ClockService(Database database, EventChanges changes, TimeProvider time, ILogger<ClockService> logger)
{
    /// <param name="expectedVersion">The clock version the caller saw (<see cref="ClockView.Version"/>); a
    /// command given on an older clock is refused as <c>stale</c>. Null only for callers that act on
    /// the current state by design (an organiser's form, the demo, set-up code).</param>
    /// <param name="scheduleDraft">Starting a draft sets it to "scheduled" first (the console asked for confirmation).</param>
    /// <returns>The change as the (moderator) caller's stream numbers it.</returns>
    public async Task<ClockChanged> ExecuteAsync(
        long eventId, ClockCommandKind command, int? blockNumber, int? minutes, string actor, long? expectedVersion = null, bool scheduleDraft = false)
    {
        var (message, _, modSeq) = await changes.RunSequencedAsync(
            eventId, change => ApplyAsync(change, new ClockFact(command, default, blockNumber, minutes, actor), expectedVersion, scheduleDraft));
        return message with { Seq = modSeq };
    }

    /// <summary>The event and its clock as of now, read in one transaction so seq and state agree.</summary>
    public async Task<(LiveEvent Event, ClockState Clock, DateTimeOffset Now)?> ReadAsync(long eventId)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginRead(connection);
        var ev = await EventStore.LoadAsync(connection, eventId, transaction);
        if (ev is null)
        {
            return null;
        }

        var state = await LoadStateAsync(connection, transaction, ev);
        return (ev, state, time.GetUtcNow());
    }

    /// <summary>
    /// Gives the commands that auto-advance owes at this moment, each stamped with the moment the
    /// time ran out; after a restart it catches up on every block that ran out meanwhile.
    /// </summary>
    /// <returns>The changes as viewers number them.</returns>
    public async Task<IReadOnlyList<ClockChanged>> AutoAdvanceAsync(long eventId)
    {
        var sent = new List<ClockChanged>();
        while (true)
        {
            var (message, seq, _) = await changes.RunSequencedAsync(eventId, async change =>
            {
                var ev = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction);
                if (ev is null || ev.Status != EventStatus.Live)
                {
                    return null;
                }

                var state = await LoadStateAsync(change.Connection, change.Transaction, ev);
                return ClockMachine.DueAutoAdvance(state, change.Now) is ClockFact due ? await ApplyAsync(change, due) : null;
            });
            if (message is null)
            {
                return sent;
            }

            sent.Add(message with { Seq = seq });
        }
    }

    private async Task<ClockChanged> ApplyAsync(EventChange change, ClockFact command, long? expectedVersion = null, bool scheduleDraft = false)
    {
        var eventId = change.EventId;
        var ev = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction)
            ?? throw new ClockCommandException("event-not-found", "Diese Veranstaltung gibt es nicht.");
        var state = await LoadStateAsync(change.Connection, change.Transaction, ev);
        if (expectedVersion is long expected && expected != state.Version)
        {
            throw new ClockCommandException(
                "stale", $"Die Uhr wurde inzwischen geändert (Stand {state.Version}, Ihre Ansicht {expected}). Bitte prüfen und erneut versuchen.");
        }

        if (ev.Status == EventStatus.Draft)
        {
            if (!scheduleDraft || command.Command != ClockCommandKind.StartEvent)
            {
                // The console answers this by offering ScheduleAndStartEvent, with a confirmation.
                throw new ClockCommandException("event-is-draft", "Die Veranstaltung ist noch ein Entwurf. Bitte zuerst auf „Geplant“ setzen.");
            }

            // The moderator confirmed: the draft becomes scheduled and starts in the same transaction.
            ev = ev with { Status = EventStatus.Scheduled };
        }

        if (state.Phase == ClockPhase.NotStarted && ev.Status is EventStatus.Ended or EventStatus.Published)
        {
            // Past events (imported or seeded) have no clock facts; starting one would make it live again.
            throw new ClockCommandException("event-ended", "Die Veranstaltung ist bereits beendet.");
        }

        // Auto-advance facts carry the moment the block's time ran out; every other command happens now.
        var fact = command.Actor == "auto" ? command : command with { At = change.Now };
        var next = ClockMachine.Apply(state, fact);

        await change.Connection.ExecuteAsync(
            """
            INSERT INTO clock_facts (event_id, at_utc, command, block_number, minutes, actor)
            VALUES (@eventId, @At, @Command, @BlockNumber, @Minutes, @Actor)
            """,
            new { eventId, fact.At, Command = fact.Command.ToString(), fact.BlockNumber, fact.Minutes, fact.Actor },
            change.Transaction);

        // A block starting removes the notes meant "until the next block"; the end removes them all.
        await BackstageNotes.ExpireOnClockAsync(change, fact.Command);

        if (next.Phase == ClockPhase.Ended && state.Phase != ClockPhase.Ended)
        {
            await TranscriptFreezer.FreezeAsync(change.Connection, change.Transaction, ev, next, change.Now);
            await PollService.CloseOpenPollsAsync(change);
        }

        var status = next.Phase switch
        {
            ClockPhase.Ended => ev.Status == EventStatus.Published ? EventStatus.Published : EventStatus.Ended,
            ClockPhase.NotStarted => ev.Status,
            _ => EventStatus.Live,
        };
        await change.Connection.ExecuteAsync(
            "UPDATE events SET status = @status, auto_advance = @autoAdvance WHERE id = @eventId",
            new { status = status.ToDb(), autoAdvance = next.AutoAdvance, eventId },
            change.Transaction);

        logger.LogInformation(
            "Clock {Command} on event {EventId} by {Actor}: phase {Phase}, block {Block}",
            fact.Command, eventId, fact.Actor, next.Phase, next.CurrentBlock);
        var message = new ClockChanged(eventId, 0, fact.Command, ClockView.From(next, change.Now), status.ToDb());
        change.ToEveryone(ServerMessages.ClockChanged, seq => message with { Seq = seq });
        return message;
    }

    internal static async Task<ClockState> LoadStateAsync(IDbConnection connection, IDbTransaction transaction, LiveEvent ev)
    {
        var rows = await connection.QueryAsync<FactRow>(
            """
            SELECT at_utc AS At, command, block_number AS BlockNumber, minutes, actor
            FROM clock_facts WHERE event_id = @id ORDER BY id
            """,
            new { id = ev.Id },
            transaction);
        var facts = rows.Select(r => new ClockFact(Enum.Parse<ClockCommandKind>(r.Command), r.At, r.BlockNumber, r.Minutes, r.Actor));
        var initial = ClockState.Initial(ev.Blocks.Select(b => b.PlannedMinutes));
        return ClockMachine.Replay(initial, facts);
    }

    private sealed class FactRow
    {
        public DateTimeOffset At { get; init; }
        public string Command { get; init; } = "";
        public int? BlockNumber { get; init; }
        public int? Minutes { get; init; }
        public string Actor { get; init; } = "";
    }
}
