using System.Data;
using Dapper;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Clock;

/// <summary>
/// Runs clock commands: under the event's lock, in one write transaction, it replays the stored
/// facts, applies the command through <see cref="ClockMachine"/>, stores the new fact with the next
/// sequence number, commits, and only then tells the event's clients.
/// </summary>
public sealed class ClockService(Database database, EventLocks locks, LiveNotifier notifier, TimeProvider time, ILogger<ClockService> logger)
{
    public async Task<ClockChanged> ExecuteAsync(long eventId, ClockCommandKind command, int? blockNumber, int? minutes, string actor)
    {
        using var gate = await locks.AcquireAsync(eventId);
        var (message, _) = await ApplyAsync(eventId, new ClockFact(command, default, blockNumber, minutes, actor));
        await notifier.ClockChangedAsync(message);
        return message;
    }

    /// <summary>The event and its clock as of now, read in one transaction so seq and state agree.</summary>
    public async Task<(LiveEvent Event, ClockState Clock, DateTimeOffset Now)?> ReadAsync(long eventId)
    {
        await using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
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
    public async Task<IReadOnlyList<ClockChanged>> AutoAdvanceAsync(long eventId)
    {
        using var gate = await locks.AcquireAsync(eventId);
        var sent = new List<ClockChanged>();
        while (true)
        {
            var current = await ReadAsync(eventId);
            if (current is not var (_, state, now) || ClockMachine.DueAutoAdvance(state, now) is not ClockFact due)
            {
                return sent;
            }

            var (message, _) = await ApplyAsync(eventId, due);
            await notifier.ClockChangedAsync(message);
            sent.Add(message);
        }
    }

    private async Task<(ClockChanged Message, ClockState State)> ApplyAsync(long eventId, ClockFact command)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginWrite(connection);
        var ev = await EventStore.LoadAsync(connection, eventId, transaction)
            ?? throw new ClockCommandException("event-not-found", "Diese Veranstaltung gibt es nicht.");
        if (ev.Status == EventStatus.Draft)
        {
            throw new ClockCommandException("event-is-draft", "Die Veranstaltung ist noch ein Entwurf. Bitte zuerst auf „Geplant“ setzen.");
        }

        var state = await LoadStateAsync(connection, transaction, ev);
        if (state.Phase == ClockPhase.NotStarted && ev.Status is EventStatus.Ended or EventStatus.Published)
        {
            // Past events (imported or seeded) have no clock facts; starting one would make it live again.
            throw new ClockCommandException("event-ended", "Die Veranstaltung ist bereits beendet.");
        }

        // The storage format keeps milliseconds (UtcTimeHandler.Format); a finer stamp would make the
        // state sent now differ from the state replayed after a restart by a fraction of a millisecond.
        var exact = time.GetUtcNow();
        var now = exact.AddTicks(-(exact.Ticks % TimeSpan.TicksPerMillisecond));
        // Auto-advance facts carry the moment the block's time ran out; every other command happens now.
        var fact = command.Actor == "auto" ? command : command with { At = now };
        var next = ClockMachine.Apply(state, fact);

        await connection.ExecuteAsync(
            """
            INSERT INTO clock_facts (event_id, at_utc, command, block_number, minutes, actor)
            VALUES (@eventId, @At, @Command, @BlockNumber, @Minutes, @Actor)
            """,
            new { eventId, fact.At, Command = fact.Command.ToString(), fact.BlockNumber, fact.Minutes, fact.Actor },
            transaction);

        var status = next.Phase switch
        {
            ClockPhase.Ended => ev.Status == EventStatus.Published ? EventStatus.Published : EventStatus.Ended,
            ClockPhase.NotStarted => ev.Status,
            _ => EventStatus.Live,
        };
        var seq = await connection.ExecuteScalarAsync<long>(
            """
            UPDATE events SET status = @status, auto_advance = @autoAdvance, seq = seq + 1, updated_utc = @now
            WHERE id = @eventId
            RETURNING seq
            """,
            new { status = status.ToDb(), autoAdvance = next.AutoAdvance, now, eventId },
            transaction);
        transaction.Commit();

        logger.LogInformation(
            "Clock {Command} on event {EventId} by {Actor}: phase {Phase}, block {Block}, seq {Seq}",
            fact.Command, eventId, fact.Actor, next.Phase, next.CurrentBlock, seq);
        return (new ClockChanged(eventId, seq, fact.Command, ClockView.From(next, now)), next);
    }

    private static async Task<ClockState> LoadStateAsync(IDbConnection connection, IDbTransaction transaction, LiveEvent ev)
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
