using System.Collections.Immutable;

namespace OzgLive.Web.Clock;

/// <summary>The commands a moderator (or the auto-advance timer) gives the clock.</summary>
public enum ClockCommandKind
{
    StartEvent,
    StartBlock,
    ExtendBlock,
    PauseBlock,
    ResumeBlock,
    EndBlock,
    NextBlock,
    EndEvent,
    SetAutoAdvance,
}

/// <summary>One accepted command as stored: the clock state is the fold of these in order.</summary>
/// <param name="BlockNumber">For <see cref="ClockCommandKind.StartBlock"/>: the block to start.</param>
/// <param name="Minutes">For <see cref="ClockCommandKind.ExtendBlock"/>: minutes added; for
/// <see cref="ClockCommandKind.SetAutoAdvance"/>: 1 on, 0 off.</param>
/// <param name="Actor">Who gave it: an account id like "account:3", or "auto" for auto-advance.</param>
public sealed record ClockFact(
    ClockCommandKind Command,
    DateTimeOffset At,
    int? BlockNumber = null,
    int? Minutes = null,
    string Actor = "system");

public enum ClockPhase
{
    /// <summary>The event has not been started.</summary>
    NotStarted,

    /// <summary>Live, before the first block (welcome by the moderator).</summary>
    Intro,

    /// <summary>Live, a block is current (running or paused).</summary>
    Block,

    /// <summary>Live, the last block ended and the next has not started.</summary>
    Between,

    /// <summary>The event has ended.</summary>
    Ended,
}

public enum BlockRunState
{
    Upcoming,
    Running,
    Paused,
    Done,

    /// <summary>Never held: the event ended before the block started ("entfallen").</summary>
    Skipped,
}

/// <summary>What a presenter is warned about as a block's time runs out.</summary>
public enum ClockWarningLevel
{
    None,
    FiveMinutes,
    OneMinute,
    Overtime,
}

public sealed record BlockClock(
    int Number,
    TimeSpan Planned,
    TimeSpan Extended,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? PausedAt,
    TimeSpan PausedTotal)
{
    /// <summary>Set when the event ends before the block started: it was cancelled, not still planned.</summary>
    public bool Skipped { get; init; }

    public BlockRunState State =>
        Skipped ? BlockRunState.Skipped
        : EndedAt is not null ? BlockRunState.Done
        : StartedAt is null ? BlockRunState.Upcoming
        : PausedAt is not null ? BlockRunState.Paused
        : BlockRunState.Running;

    public TimeSpan Allowed => Planned + Extended;

    /// <summary>When a running block's time is up: start + pauses + planned + extensions.</summary>
    public DateTimeOffset? EndsAt =>
        State == BlockRunState.Running ? StartedAt + PausedTotal + Allowed : null;

    /// <summary>Time left at <paramref name="now"/>; negative in overtime, frozen while paused.</summary>
    public TimeSpan Remaining(DateTimeOffset now)
    {
        if (StartedAt is null)
        {
            return Allowed;
        }

        var reference = EndedAt ?? PausedAt ?? now;
        var active = reference - StartedAt.Value - PausedTotal;
        return Allowed - active;
    }

    public ClockWarningLevel Warning(DateTimeOffset now)
    {
        if (State is not (BlockRunState.Running or BlockRunState.Paused))
        {
            return ClockWarningLevel.None;
        }

        var remaining = Remaining(now);
        return remaining <= TimeSpan.Zero ? ClockWarningLevel.Overtime
            : remaining <= TimeSpan.FromMinutes(1) ? ClockWarningLevel.OneMinute
            : remaining <= TimeSpan.FromMinutes(5) ? ClockWarningLevel.FiveMinutes
            : ClockWarningLevel.None;
    }
}

public sealed record ClockState(
    ClockPhase Phase,
    int? CurrentBlock,
    bool AutoAdvance,
    DateTimeOffset? EventStartedAt,
    DateTimeOffset? EventEndedAt,
    ImmutableArray<BlockClock> Blocks)
{
    public static ClockState Initial(IEnumerable<int> plannedMinutes, bool autoAdvance = false) => new(
        ClockPhase.NotStarted,
        null,
        autoAdvance,
        null,
        null,
        plannedMinutes.Select((minutes, index) => new BlockClock(
            index + 1, TimeSpan.FromMinutes(minutes), TimeSpan.Zero, null, null, null, TimeSpan.Zero)).ToImmutableArray());

    public BlockClock? Current => CurrentBlock is int n ? Blocks[n - 1] : null;

    /// <summary>The block that was current last, 0 before the first: "next block" means the one after it.
    /// Kept as a fact of its own because a moderator may go back to an earlier block.</summary>
    public int LastStartedBlock { get; init; }

    /// <summary>How many facts the clock has accepted: a clock command carries the version its caller
    /// saw, so that two moderators pressing "next block" at once cannot skip a block.</summary>
    public long Version { get; init; }

    /// <summary>When the last accepted fact happened: nothing that follows can have happened earlier.</summary>
    public DateTimeOffset? LastFactAt { get; init; }

    /// <summary>The first block after <see cref="LastStartedBlock"/> that has not been held yet, if any.</summary>
    public int? NextUpcomingBlock =>
        Blocks.Where(b => b.Number > LastStartedBlock && b.State == BlockRunState.Upcoming).Select(b => (int?)b.Number).FirstOrDefault();
}

/// <summary>A command refused because of the clock's state or its arguments.</summary>
public sealed class ClockCommandException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
