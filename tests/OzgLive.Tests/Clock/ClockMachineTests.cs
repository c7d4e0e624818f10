using OzgLive.Web.Clock;
using static OzgLive.Web.Clock.ClockCommandKind;

namespace OzgLive.Tests.Clock;

/// <summary>The clock's rules on their own: states, refusals and time arithmetic at fixed moments.</summary>
public sealed class ClockMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 31, 8, 0, 0, TimeSpan.Zero);

    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    private static TimeSpan Sec(double seconds) => TimeSpan.FromSeconds(seconds);

    private static ClockFact F(ClockCommandKind command, TimeSpan after, int? block = null, int? minutes = null) =>
        new(command, T0 + after, block, minutes, "account:1");

    private static ClockState Fresh() => ClockState.Initial([30, 30, 30]);

    private static ClockState Run(params ClockFact[] facts) => facts.Aggregate(Fresh(), ClockMachine.Apply);

    /// <summary>Started at T0, block 1 started at T0 + 1 min (so it ends at T0 + 31 min).</summary>
    private static ClockFact[] Block1Running => [F(StartEvent, default), F(StartBlock, Min(1), block: 1)];

    private static ClockCommandException Refused(ClockState state, ClockFact command)
    {
        var error = Assert.Throws<ClockCommandException>(() => ClockMachine.Apply(state, command));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(ClockMachine.TryApply(state, command, out var unchanged));
        Assert.Same(state, unchanged);
        return error;
    }

    [Fact]
    public void StartEvent_opens_the_intro_and_stamps_the_start()
    {
        var state = Run(F(StartEvent, Sec(5)));

        Assert.Equal(ClockPhase.Intro, state.Phase);
        Assert.Equal(T0 + Sec(5), state.EventStartedAt);
        Assert.Null(state.CurrentBlock);
        Assert.All(state.Blocks, b => Assert.Equal(BlockRunState.Upcoming, b.State));
    }

    [Fact]
    public void StartBlock_runs_the_block_for_its_planned_minutes()
    {
        var state = Run(Block1Running);

        Assert.Equal(ClockPhase.Block, state.Phase);
        Assert.Equal(1, state.CurrentBlock);
        var block = state.Current!;
        Assert.Equal(BlockRunState.Running, block.State);
        Assert.Equal(T0 + Min(1), block.StartedAt);
        Assert.Equal(T0 + Min(31), block.EndsAt);
        Assert.Equal(Min(30) - Min(10) - Sec(17), block.Remaining(T0 + Min(11) + Sec(17)));
        Assert.Equal(Min(30), state.Blocks[1].Remaining(T0 + Min(11)));
    }

    [Fact]
    public void StartBlock_while_another_block_runs_ends_that_block_at_the_same_moment()
    {
        var state = Run([.. Block1Running, F(StartBlock, Min(20), block: 3)]);

        Assert.Equal(3, state.CurrentBlock);
        Assert.Equal(T0 + Min(20), state.Blocks[0].EndedAt);
        Assert.Equal(Min(11), state.Blocks[0].Remaining(T0 + Min(90)));
        Assert.Equal(BlockRunState.Upcoming, state.Blocks[1].State);
    }

    [Fact]
    public void NextBlock_goes_from_the_intro_to_block_1_and_then_block_by_block()
    {
        var first = Run(F(StartEvent, default), F(NextBlock, Min(2)));
        var second = ClockMachine.Apply(first, F(NextBlock, Min(30)));

        Assert.Equal(1, first.CurrentBlock);
        Assert.Equal(2, second.CurrentBlock);
        Assert.Equal(T0 + Min(30), second.Blocks[0].EndedAt);
        Assert.Equal(T0 + Min(30), second.Blocks[1].StartedAt);
    }

    [Fact]
    public void NextBlock_between_blocks_starts_the_block_after_the_one_that_ended()
    {
        var state = Run([.. Block1Running, F(EndBlock, Min(25)), F(NextBlock, Min(27))]);

        Assert.Equal(2, state.CurrentBlock);
        Assert.Equal(T0 + Min(27), state.Current!.StartedAt);
    }

    [Fact]
    public void NextBlock_after_going_back_to_an_earlier_block_starts_the_block_after_it()
    {
        // Block 3 was brought forward; after block 1 the agenda continues with block 2.
        var state = Run(F(StartEvent, default), F(StartBlock, Min(1), block: 3), F(StartBlock, Min(20), block: 1), F(NextBlock, Min(40)));

        Assert.Equal(2, state.CurrentBlock);
        Assert.Equal(BlockRunState.Done, state.Blocks[0].State);
        Assert.Equal(BlockRunState.Done, state.Blocks[2].State);
    }

    [Fact]
    public void EndBlock_ends_the_current_block_and_the_event_stays_live_between_blocks()
    {
        var state = Run([.. Block1Running, F(EndBlock, Min(29))]);

        Assert.Equal(ClockPhase.Between, state.Phase);
        Assert.Null(state.Current);
        Assert.Equal(BlockRunState.Done, state.Blocks[0].State);
        Assert.Equal(Min(2), state.Blocks[0].Remaining(T0 + Min(60)));
    }

    [Fact]
    public void EndEvent_ends_the_running_block_and_the_event()
    {
        var state = Run([.. Block1Running, F(EndEvent, Min(40))]);

        Assert.Equal(ClockPhase.Ended, state.Phase);
        Assert.Null(state.CurrentBlock);
        Assert.Equal(T0 + Min(40), state.EventEndedAt);
        Assert.Equal(T0 + Min(40), state.Blocks[0].EndedAt);
        Assert.Equal(-Min(9), state.Blocks[0].Remaining(T0 + Min(99)));
    }

    [Fact]
    public void SetAutoAdvance_switches_on_and_off_before_and_during_the_event()
    {
        var before = Run(F(SetAutoAdvance, default, minutes: 1));
        var during = Run([F(SetAutoAdvance, default, minutes: 1), .. Block1Running, F(SetAutoAdvance, Min(5), minutes: 0)]);

        Assert.True(before.AutoAdvance);
        Assert.Equal(ClockPhase.NotStarted, before.Phase);
        Assert.False(during.AutoAdvance);
        Assert.Equal(1, during.CurrentBlock);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "StartEvent twice", "event-already-started" },
        { "StartEvent after the end", "event-ended" },
        { "StartBlock before StartEvent", "event-not-started" },
        { "StartBlock 0 of 3", "block-not-found" },
        { "StartBlock 4 of 3", "block-not-found" },
        { "StartBlock without a number", "invalid-argument" },
        { "StartBlock of the running block", "block-already-running" },
        { "StartBlock of an ended block", "block-already-ended" },
        { "StartBlock after the end", "event-ended" },
        { "NextBlock before StartEvent", "event-not-started" },
        { "NextBlock after the last block", "no-next-block" },
        { "ExtendBlock by 0 minutes", "invalid-argument" },
        { "ExtendBlock by 61 minutes", "invalid-argument" },
        { "ExtendBlock in the intro", "no-running-block" },
        { "ExtendBlock of an ended block", "no-running-block" },
        { "PauseBlock twice", "block-already-paused" },
        { "PauseBlock between blocks", "no-running-block" },
        { "ResumeBlock when not paused", "block-not-paused" },
        { "EndBlock in the intro", "no-running-block" },
        { "EndBlock before StartEvent", "event-not-started" },
        { "EndEvent before StartEvent", "event-not-started" },
        { "EndEvent after the end", "event-ended" },
        { "SetAutoAdvance after the end", "event-ended" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Command_in_the_wrong_state_is_refused_with_its_code_and_changes_nothing(string scenario, string code)
    {
        ClockFact[] ended = [.. Block1Running, F(EndEvent, Min(10))];
        ClockFact[] between = [.. Block1Running, F(EndBlock, Min(10))];
        var later = Min(12);
        static (ClockFact[] Setup, ClockFact Command) Case(ClockFact[] setup, ClockFact command) => (setup, command);
        var (setup, command) = scenario switch
        {
            "StartEvent twice" => Case([F(StartEvent, default)], F(StartEvent, later)),
            "StartEvent after the end" => Case(ended, F(StartEvent, later)),
            "StartBlock before StartEvent" => Case([], F(StartBlock, later, block: 1)),
            "StartBlock 0 of 3" => Case([F(StartEvent, default)], F(StartBlock, later, block: 0)),
            "StartBlock 4 of 3" => Case([F(StartEvent, default)], F(StartBlock, later, block: 4)),
            "StartBlock without a number" => Case([F(StartEvent, default)], F(StartBlock, later)),
            "StartBlock of the running block" => Case(Block1Running, F(StartBlock, later, block: 1)),
            "StartBlock of an ended block" => Case(between, F(StartBlock, later, block: 1)),
            "StartBlock after the end" => Case(ended, F(StartBlock, later, block: 2)),
            "NextBlock before StartEvent" => Case([], F(NextBlock, later)),
            "NextBlock after the last block" => Case([F(StartEvent, default), F(StartBlock, Min(1), block: 3)], F(NextBlock, later)),
            "ExtendBlock by 0 minutes" => Case(Block1Running, F(ExtendBlock, later, minutes: 0)),
            "ExtendBlock by 61 minutes" => Case(Block1Running, F(ExtendBlock, later, minutes: 61)),
            "ExtendBlock in the intro" => Case([F(StartEvent, default)], F(ExtendBlock, later, minutes: 5)),
            "ExtendBlock of an ended block" => Case(between, F(ExtendBlock, later, minutes: 5)),
            "PauseBlock twice" => Case([.. Block1Running, F(PauseBlock, Min(5))], F(PauseBlock, later)),
            "PauseBlock between blocks" => Case(between, F(PauseBlock, later)),
            "ResumeBlock when not paused" => Case(Block1Running, F(ResumeBlock, later)),
            "EndBlock in the intro" => Case([F(StartEvent, default)], F(EndBlock, later)),
            "EndBlock before StartEvent" => Case([], F(EndBlock, later)),
            "EndEvent before StartEvent" => Case([], F(EndEvent, later)),
            "EndEvent after the end" => Case(ended, F(EndEvent, later)),
            "SetAutoAdvance after the end" => Case(ended, F(SetAutoAdvance, later, minutes: 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };

        Assert.Equal(code, Refused(Run(setup), command).Code);
    }

    [Fact]
    public void Block_not_found_names_the_blocks_there_are()
    {
        var error = Refused(Run(F(StartEvent, default)), F(StartBlock, Min(1), block: 4));
        var none = Refused(ClockMachine.Apply(ClockState.Initial([]), F(StartEvent, default)), F(StartBlock, Min(1), block: 1));

        Assert.Contains("1 bis 3", error.Message);
        Assert.Equal("block-not-found", none.Code);
        Assert.Contains("keine Blöcke", none.Message);
    }

    [Fact]
    public void Pause_freezes_the_remaining_time_and_resume_continues_from_there()
    {
        var paused = Run([.. Block1Running, F(PauseBlock, Min(11) + Sec(17))]);
        var resumed = ClockMachine.Apply(paused, F(ResumeBlock, Min(41) + Sec(17)));

        Assert.Equal(BlockRunState.Paused, paused.Current!.State);
        Assert.Null(paused.Current.EndsAt);
        Assert.Equal(Min(19) + Sec(43), paused.Current.Remaining(T0 + Min(12)));
        Assert.Equal(Min(19) + Sec(43), paused.Current.Remaining(T0 + Min(300)));

        Assert.Equal(BlockRunState.Running, resumed.Current!.State);
        Assert.Equal(Min(30), resumed.Current.PausedTotal);
        Assert.Equal(T0 + Min(61), resumed.Current.EndsAt);
        Assert.Equal(Min(18) + Sec(43), resumed.Current.Remaining(T0 + Min(42) + Sec(17)));
    }

    [Fact]
    public void Extend_adds_its_minutes_while_running_and_while_paused()
    {
        var running = Run([.. Block1Running, F(ExtendBlock, Min(10), minutes: 5)]);
        var paused = Run([.. Block1Running, F(PauseBlock, Min(10)), F(ExtendBlock, Min(12), minutes: 60)]);

        Assert.Equal(T0 + Min(36), running.Current!.EndsAt);
        Assert.Equal(Min(5), running.Current.Extended);
        Assert.Equal(Min(26), running.Current.Remaining(T0 + Min(10)));
        Assert.Equal(Min(81), paused.Current!.Remaining(T0 + Min(50)));
    }

    [Fact]
    public void Ending_a_paused_block_keeps_the_time_it_had_left_at_the_pause()
    {
        var ended = Run([.. Block1Running, F(PauseBlock, Min(21)), F(EndBlock, Min(45))]);
        var moved = Run([.. Block1Running, F(PauseBlock, Min(21)), F(NextBlock, Min(45))]);

        Assert.Equal(Min(10), ended.Blocks[0].Remaining(T0 + Min(90)));
        Assert.Equal(Min(24), ended.Blocks[0].PausedTotal);
        Assert.Equal(Min(10), moved.Blocks[0].Remaining(T0 + Min(90)));
        Assert.Equal(T0 + Min(45), moved.Current!.StartedAt);
    }

    [Fact]
    public void Overtime_is_negative_remaining_time_and_endsAt_stays_put()
    {
        var state = Run(Block1Running);

        Assert.Equal(-(Min(1) + Sec(30)), state.Current!.Remaining(T0 + Min(32) + Sec(30)));
        Assert.Equal(T0 + Min(31), state.Current.EndsAt);
        Assert.Equal(ClockWarningLevel.Overtime, state.Current.Warning(T0 + Min(32) + Sec(30)));
    }

    [Theory]
    [InlineData(301, ClockWarningLevel.None)]
    [InlineData(300, ClockWarningLevel.FiveMinutes)]
    [InlineData(299, ClockWarningLevel.FiveMinutes)]
    [InlineData(60, ClockWarningLevel.OneMinute)]
    [InlineData(0, ClockWarningLevel.Overtime)]
    [InlineData(-1, ClockWarningLevel.Overtime)]
    public void Warning_level_follows_the_remaining_seconds(int remainingSeconds, ClockWarningLevel expected)
    {
        var block = Run(Block1Running).Current!;
        var now = block.EndsAt!.Value - Sec(remainingSeconds);

        Assert.Equal(expected, block.Warning(now));
    }

    [Fact]
    public void Warning_of_a_paused_block_stays_at_its_level_and_blocks_not_current_have_none()
    {
        var state = Run([.. Block1Running, F(PauseBlock, Min(30) + Sec(30))]);

        Assert.Equal(ClockWarningLevel.OneMinute, state.Current!.Warning(T0 + Min(500)));
        Assert.Equal(ClockWarningLevel.None, state.Blocks[1].Warning(T0 + Min(500)));
        Assert.Equal(ClockWarningLevel.None, Run([.. Block1Running, F(EndBlock, Min(40))]).Blocks[0].Warning(T0 + Min(41)));
    }

    [Fact]
    public void DueAutoAdvance_gives_nothing_before_endsAt()
    {
        var state = Run([F(SetAutoAdvance, default, minutes: 1), .. Block1Running]);

        Assert.Null(ClockMachine.DueAutoAdvance(state, T0 + Min(31) - TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void DueAutoAdvance_starts_the_next_block_stamped_exactly_at_endsAt()
    {
        var state = Run([F(SetAutoAdvance, default, minutes: 1), .. Block1Running]);

        var due = ClockMachine.DueAutoAdvance(state, T0 + Min(33) + Sec(7));

        Assert.Equal(new ClockFact(NextBlock, T0 + Min(31), Actor: "auto"), due);
        var next = ClockMachine.Apply(state, due!);
        Assert.Equal(2, next.CurrentBlock);
        Assert.Equal(T0 + Min(31), next.Current!.StartedAt);
        Assert.Equal(Min(27) + Sec(53), next.Current.Remaining(T0 + Min(33) + Sec(7)));
    }

    [Fact]
    public void DueAutoAdvance_after_the_last_block_ends_the_block_not_the_event()
    {
        var state = Run(F(SetAutoAdvance, default, minutes: 1), F(StartEvent, default), F(StartBlock, Min(1), block: 3));

        var due = ClockMachine.DueAutoAdvance(state, T0 + Min(40));

        Assert.Equal(new ClockFact(EndBlock, T0 + Min(31), Actor: "auto"), due);
        Assert.Equal(ClockPhase.Between, ClockMachine.Apply(state, due!).Phase);
    }

    [Fact]
    public void DueAutoAdvance_gives_nothing_while_paused_when_switched_off_or_without_a_running_block()
    {
        var auto = F(SetAutoAdvance, default, minutes: 1);
        var late = T0 + Min(120);

        Assert.Null(ClockMachine.DueAutoAdvance(Run([auto, .. Block1Running, F(PauseBlock, Min(20))]), late));
        Assert.Null(ClockMachine.DueAutoAdvance(Run(Block1Running), late));
        Assert.Null(ClockMachine.DueAutoAdvance(Run(auto, F(StartEvent, default)), late));
        Assert.Null(ClockMachine.DueAutoAdvance(Run([auto, .. Block1Running, F(EndBlock, Min(20))]), late));
    }

    [Fact]
    public void DueAutoAdvance_after_going_back_to_an_earlier_block_gives_a_command_the_clock_accepts()
    {
        var state = Run(F(SetAutoAdvance, default, minutes: 1), F(StartEvent, default), F(StartBlock, Min(1), block: 3), F(StartBlock, Min(5), block: 1));

        var due = ClockMachine.DueAutoAdvance(state, T0 + Min(40));

        Assert.NotNull(due);
        var next = ClockMachine.Apply(state, due);
        Assert.Equal(2, next.CurrentBlock);
        Assert.Equal(T0 + Min(35), next.Current!.StartedAt);
    }

    [Fact]
    public void DueAutoAdvance_catches_up_block_by_block_after_a_long_gap()
    {
        var state = Run([F(SetAutoAdvance, default, minutes: 1), .. Block1Running]);
        var now = T0 + Min(200);
        var given = new List<ClockFact>();
        while (ClockMachine.DueAutoAdvance(state, now) is ClockFact due)
        {
            given.Add(due);
            state = ClockMachine.Apply(state, due);
        }

        ClockFact[] expected = [new(NextBlock, T0 + Min(31), Actor: "auto"), new(NextBlock, T0 + Min(61), Actor: "auto"), new(EndBlock, T0 + Min(91), Actor: "auto")];
        Assert.Equal(expected, given);
        Assert.Equal(ClockPhase.Between, state.Phase);
        Assert.All(state.Blocks, b => Assert.Equal(TimeSpan.Zero, b.Remaining(now)));
    }

    [Fact]
    public void DueAutoAdvance_switched_on_in_overtime_advances_from_that_moment_not_from_endsAt()
    {
        // Block 1 ran 10 minutes over before auto-advance was switched on: block 2 has not
        // been going for those 10 minutes.
        var state = Run([.. Block1Running, F(SetAutoAdvance, Min(41), minutes: 1)]);

        var due = ClockMachine.DueAutoAdvance(state, T0 + Min(41) + Sec(1));

        Assert.Equal(T0 + Min(41), due?.At);
        var next = ClockMachine.Apply(state, due!);
        Assert.Equal(-Min(10), next.Blocks[0].Remaining(T0 + Min(50)));
        Assert.Equal(Min(30), next.Current!.Remaining(T0 + Min(41)));
    }

    [Fact]
    public void DueAutoAdvance_after_resuming_a_block_paused_in_overtime_is_not_stamped_before_the_resume()
    {
        var state = Run([F(SetAutoAdvance, default, minutes: 1), .. Block1Running, F(PauseBlock, Min(31) + Sec(1)), F(ResumeBlock, Min(35))]);

        var due = ClockMachine.DueAutoAdvance(state, T0 + Min(35) + Sec(1));

        Assert.Equal(T0 + Min(35), due?.At);
        Assert.Equal(-Sec(1), ClockMachine.Apply(state, due!).Blocks[0].Remaining(T0 + Min(40)));
    }

    [Fact]
    public void Replay_of_accepted_facts_gives_the_same_state_as_applying_them()
    {
        ClockFact[] facts =
        [
            F(SetAutoAdvance, default, minutes: 1), .. Block1Running, F(PauseBlock, Min(5)), F(ResumeBlock, Min(7)),
            F(ExtendBlock, Min(8), minutes: 3), F(NextBlock, Min(20)), F(EndBlock, Min(40)), F(StartBlock, Min(41), block: 3),
        ];

        var applied = Run(facts);
        var replayed = ClockMachine.Replay(Fresh(), facts);

        // ImmutableArray compares by reference, so the blocks are compared one by one.
        Assert.Equal(applied.Blocks, replayed.Blocks);
        Assert.Equal(applied, replayed with { Blocks = applied.Blocks });
    }

    [Fact]
    public void Replay_skips_facts_that_are_no_longer_valid_and_keeps_the_rest()
    {
        // Stored for an agenda of three blocks; the agenda now has two.
        ClockFact[] facts =
        [
            F(StartEvent, default), F(StartBlock, Min(1), block: 3), F(StartBlock, Min(2), block: 1),
            F(ResumeBlock, Min(3)), F(PauseBlock, Min(10)),
        ];

        var state = ClockMachine.Replay(ClockState.Initial([30, 30]), facts);

        Assert.Equal(ClockPhase.Block, state.Phase);
        Assert.Equal(1, state.CurrentBlock);
        Assert.Equal(BlockRunState.Paused, state.Current!.State);
        Assert.Equal(Min(22), state.Current.Remaining(T0 + Min(60)));
    }
}
