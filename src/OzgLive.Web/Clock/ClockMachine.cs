using System.Collections.Immutable;

namespace OzgLive.Web.Clock;

/// <summary>
/// The clock's rules, with no I/O: a state plus one command gives the next state or a refusal.
/// Replaying the stored facts through the same rules gives the state at any moment, which is what
/// makes the clock survive a restart: nothing but the facts is stored.
/// </summary>
public static class ClockMachine
{
    public const int MaxExtensionMinutes = 60;

    public static ClockState Replay(ClockState initial, IEnumerable<ClockFact> facts)
    {
        var state = initial;
        foreach (var fact in facts)
        {
            // A stored fact was valid when it was accepted. It can only fail now if an organiser has
            // since removed blocks; skipping it keeps the rest of the history usable.
            // A skipped fact still counts towards the version: it was accepted once, and the version
            // must stay the same however often the history is replayed.
            state = TryApply(state, fact, out var next) ? next : state with { Version = state.Version + 1 };
        }

        return state;
    }

    public static bool TryApply(ClockState state, ClockFact fact, out ClockState next)
    {
        try
        {
            next = Apply(state, fact);
            return true;
        }
        catch (ClockCommandException)
        {
            next = state;
            return false;
        }
    }

    public static ClockState Apply(ClockState state, ClockFact fact) =>
        ApplyCommand(state, fact) with { LastFactAt = fact.At, Version = state.Version + 1 };

    private static ClockState ApplyCommand(ClockState state, ClockFact fact)
    {
        var at = fact.At;
        switch (fact.Command)
        {
            case ClockCommandKind.StartEvent:
                // After the end every clock command answers event-ended (docs/hub-protocol.md), this one too.
                if (state.Phase == ClockPhase.Ended)
                {
                    throw new ClockCommandException("event-ended", "Die Veranstaltung ist bereits beendet.");
                }

                RequirePhase(state, ClockPhase.NotStarted, "event-already-started", "Die Veranstaltung läuft bereits oder ist beendet.");
                return state with { Phase = ClockPhase.Intro, EventStartedAt = at };

            case ClockCommandKind.StartBlock:
                RequireLive(state);
                var number = fact.BlockNumber ?? throw new ClockCommandException("invalid-argument", "Bitte eine Blocknummer angeben.");
                RequireBlockExists(state, number);
                if (state.CurrentBlock == number)
                {
                    throw new ClockCommandException("block-already-running", $"Block {number} läuft bereits.");
                }

                if (state.Blocks[number - 1].State == BlockRunState.Done)
                {
                    throw new ClockCommandException("block-already-ended", $"Block {number} ist bereits beendet und kann nicht erneut gestartet werden.");
                }

                return Start(FinishCurrent(state, at), number, at);

            case ClockCommandKind.NextBlock:
                RequireLive(state);
                var following = state.NextUpcomingBlock
                    ?? throw new ClockCommandException("no-next-block", "Es gibt keinen weiteren Block. Zum Schluss bitte „Veranstaltung beenden“.");
                return Start(FinishCurrent(state, at), following, at);

            case ClockCommandKind.ExtendBlock:
                var minutes = fact.Minutes ?? 0;
                if (minutes is < 1 or > MaxExtensionMinutes)
                {
                    throw new ClockCommandException("invalid-argument", $"Verlängern geht um 1 bis {MaxExtensionMinutes} Minuten.");
                }

                var extended = RequireCurrent(state, "verlängert");
                return WithBlock(state, extended with { Extended = extended.Extended + TimeSpan.FromMinutes(minutes) });

            case ClockCommandKind.PauseBlock:
                var running = RequireCurrent(state, "pausiert");
                if (running.State == BlockRunState.Paused)
                {
                    throw new ClockCommandException("block-already-paused", $"Block {running.Number} ist bereits pausiert.");
                }

                return WithBlock(state, running with { PausedAt = at });

            case ClockCommandKind.ResumeBlock:
                var paused = RequireCurrent(state, "fortgesetzt");
                if (paused.State != BlockRunState.Paused)
                {
                    throw new ClockCommandException("block-not-paused", $"Block {paused.Number} ist nicht pausiert.");
                }

                return WithBlock(state, paused with { PausedAt = null, PausedTotal = paused.PausedTotal + (at - paused.PausedAt!.Value) });

            case ClockCommandKind.EndBlock:
                RequireCurrent(state, "beendet");
                return FinishCurrent(state, at);

            case ClockCommandKind.EndEvent:
                RequireLive(state);
                var finished = FinishCurrent(state, at);
                // After the end no block is still to come: the ones never started read "entfallen", not "geplant".
                var blocks = finished.Blocks.Select(b => b.State == BlockRunState.Upcoming ? b with { Skipped = true } : b).ToImmutableArray();
                return finished with { Phase = ClockPhase.Ended, CurrentBlock = null, EventEndedAt = at, Blocks = blocks };

            case ClockCommandKind.SetAutoAdvance:
                if (state.Phase == ClockPhase.Ended)
                {
                    throw new ClockCommandException("event-ended", "Die Veranstaltung ist beendet.");
                }

                return state with { AutoAdvance = fact.Minutes is > 0 };

            default:
                throw new ClockCommandException("invalid-argument", "Unbekannter Befehl.");
        }
    }

    /// <summary>
    /// The command that auto-advance gives at <paramref name="now"/>, if any: when the running
    /// block's time is up, the next block starts (or, after the last block, the block ends) at the
    /// exact moment the time ran out, not at the moment the timer noticed. "Next" is what
    /// <see cref="ClockCommandKind.NextBlock"/> would start, so the command is always accepted.
    /// </summary>
    public static ClockFact? DueAutoAdvance(ClockState state, DateTimeOffset now)
    {
        if (!state.AutoAdvance || state.Phase != ClockPhase.Block || state.Current?.EndsAt is not DateTimeOffset endsAt || endsAt > now)
        {
            return null;
        }

        // A command given in overtime (switching auto-advance on, resuming) happened while the block
        // was still current, so the advance cannot be stamped before it.
        var at = state.LastFactAt is DateTimeOffset last && last > endsAt ? last : endsAt;
        var command = state.NextUpcomingBlock is null ? ClockCommandKind.EndBlock : ClockCommandKind.NextBlock;
        return new ClockFact(command, at, Actor: "auto");
    }

    private static ClockState Start(ClockState state, int number, DateTimeOffset at) =>
        WithBlock(state, state.Blocks[number - 1] with { StartedAt = at }) with { Phase = ClockPhase.Block, CurrentBlock = number, LastStartedBlock = number };

    private static ClockState FinishCurrent(ClockState state, DateTimeOffset at)
    {
        if (state.Current is not BlockClock current)
        {
            return state;
        }

        // A block ended while paused ends at its pause: the paused minutes were not talk time.
        var finished = current.PausedAt is DateTimeOffset pausedAt
            ? current with { EndedAt = at, PausedAt = null, PausedTotal = current.PausedTotal + (at - pausedAt) }
            : current with { EndedAt = at };
        return WithBlock(state, finished) with { Phase = ClockPhase.Between, CurrentBlock = null };
    }

    private static ClockState WithBlock(ClockState state, BlockClock block) =>
        state with { Blocks = state.Blocks.SetItem(block.Number - 1, block) };

    private static void RequirePhase(ClockState state, ClockPhase phase, string code, string message)
    {
        if (state.Phase != phase)
        {
            throw new ClockCommandException(code, message);
        }
    }

    private static void RequireLive(ClockState state)
    {
        switch (state.Phase)
        {
            case ClockPhase.NotStarted:
                throw new ClockCommandException("event-not-started", "Die Veranstaltung wurde noch nicht gestartet.");
            case ClockPhase.Ended:
                throw new ClockCommandException("event-ended", "Die Veranstaltung ist bereits beendet.");
        }
    }

    private static void RequireBlockExists(ClockState state, int number)
    {
        if (number < 1 || number > state.Blocks.Length)
        {
            throw new ClockCommandException(
                "block-not-found",
                state.Blocks.Length == 0
                    ? $"Block {number} gibt es nicht: Diese Veranstaltung hat keine Blöcke."
                    : $"Block {number} gibt es nicht: Diese Veranstaltung hat die Blöcke 1 bis {state.Blocks.Length}.");
        }
    }

    private static BlockClock RequireCurrent(ClockState state, string verb)
    {
        RequireLive(state);
        return state.Current ?? throw new ClockCommandException(
            "no-running-block", $"Gerade läuft kein Block, der {verb} werden könnte.");
    }
}
