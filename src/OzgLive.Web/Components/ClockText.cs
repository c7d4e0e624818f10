using OzgLive.Web.Clock;
using OzgLive.Web.Events;

namespace OzgLive.Web.Components;

/// <summary>The clock in words, as the event page first renders it (wwwroot/js/event-live.js keeps it current).</summary>
public static class ClockText
{
    public static string Status(ClockState clock, LiveEvent ev) => clock.Phase switch
    {
        ClockPhase.NotStarted when ev.Status is EventStatus.Ended or EventStatus.Published => "Die Veranstaltung ist beendet.",
        ClockPhase.NotStarted => $"Noch nicht begonnen. Beginn: {BerlinTime.LongDateTime(ev.ScheduledStart)}.",
        ClockPhase.Intro => "Live: Begrüßung.",
        ClockPhase.Block when clock.Current?.State == BlockRunState.Paused => $"Live: Block {clock.CurrentBlock} ist pausiert.",
        ClockPhase.Block => $"Live: Block {clock.CurrentBlock} läuft.",
        ClockPhase.Between => "Live: Übergang zum nächsten Block.",
        ClockPhase.Ended => "Die Veranstaltung ist beendet.",
        _ => "",
    };

    public static string Remaining(ClockState clock, DateTimeOffset now)
    {
        if (clock.Current is not BlockClock block)
        {
            return "";
        }

        var remaining = block.Remaining(now);
        return remaining < TimeSpan.Zero
            ? $"Überzogen um {Format(-remaining)}"
            : $"Noch {Format(remaining)}";
    }

    public static string BlockState(BlockRunState state) => state switch
    {
        BlockRunState.Running => "läuft",
        BlockRunState.Paused => "pausiert",
        BlockRunState.Done => "beendet",
        _ => "",
    };

    /// <summary>"12:05" (minutes:seconds), "1:02:05" beyond an hour.</summary>
    public static string Format(TimeSpan span)
    {
        var seconds = (long)Math.Floor(span.TotalSeconds);
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }
}
