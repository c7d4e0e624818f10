using System.Collections.Concurrent;
using OzgLive.Web.Channels;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Web.Questions;

/// <summary>
/// What decides whether an event takes a question: its status, blocks, question settings and clock;
/// and its partner sites (the event's and its series'), which decide the channel an embed's question counts for.
/// </summary>
public sealed record IntakeState(EventStatus Status, int BlockCount, QuestionSettings Settings, ClockPhase Phase, int? CurrentBlock, IReadOnlySet<string> Partners);

/// <summary>
/// Keeps each event's <see cref="IntakeState"/> in memory. Reading it for every question meant the
/// event, its blocks, its settings and all its clock facts again and again, though none of them
/// changes when a question is asked.
/// </summary>
/// <remarks>
/// Read only inside a change of the event, under its lock: a kept state is used while the event's
/// <see cref="EventChange.StateVersion"/> has not moved, which every committed change does except
/// those that say they touch questions or votes only (<see cref="EventChange.KeepEventState"/>).
/// So a clock command, a settings change or an organiser's edit is seen by the very next question.
/// Partner sites are saved outside the event's changes (a series' list serves all its events); saving
/// them raises the stored state version of every event they apply to (<see cref="PartnerOrigins"/>).
/// </remarks>
public sealed class QuestionIntake
{
    private readonly ConcurrentDictionary<long, Kept> kept = new();

    /// <returns>Null when the event does not exist (not kept: it may be created later).</returns>
    public async Task<IntakeState?> ReadAsync(EventChange change)
    {
        if (kept.TryGetValue(change.EventId, out var entry) && entry.StateVersion == change.StateVersion)
        {
            return entry.State;
        }

        var ev = await EventStore.LoadAsync(change.Connection, change.EventId, change.Transaction);
        if (ev is null)
        {
            return null;
        }

        var settings = await QuestionService.SettingsAsync(change.Connection, change.Transaction, change.EventId);
        var clock = await ClockService.LoadStateAsync(change.Connection, change.Transaction, ev);
        var allowed = await PartnerOrigins.ListAllowedAsync(change.Connection, change.Transaction, change.EventId);
        var state = new IntakeState(ev.Status, ev.Blocks.Count, settings, clock.Phase, clock.CurrentBlock, allowed);
        kept[change.EventId] = new Kept(change.StateVersion, state);
        return state;
    }

    private sealed record Kept(long StateVersion, IntakeState State);
}
