using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Stage;

/// <summary>Wire records as the hub sends them, for the presenter screen's components.</summary>
internal static class StageData
{
    /// <summary>22 November 2026, 9:20 UTC = 10:20 in Berlin; the event started at 10:00 Berlin time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 20, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static EventView Event(string status = "live") => new(
        1,
        "spot-on-ozg-he",
        "Spot on OZG HE – Der Hessische Weg",
        "Die kommunale Umsetzung des OZG in Hessen.",
        "Spot on OZG",
        Start,
        status,
        null,
        "Dr. Eva-Charlotte Proll",
        [
            new BlockView(1, "Umsetzungsvereinbarung zwischen Land und Kommunen", "", 30, null,
                [new SpeakerView("Martin Woitschell", "Referatsleitung", "Hessisches Ministerium des Innern und für Sport")]),
            new BlockView(2, "Kostenfreie Digitalisierungsberatungen", "", 30, null,
                [new SpeakerView("Heiko Merz", "", ""), new SpeakerView("Dr. Jana Beispiel", "", "ekom21")]),
            new BlockView(3, "Der Hessische Weg", "", 30, null, []),
        ]);

    public static BlockClockView Upcoming(int number) =>
        new(number, BlockRunState.Upcoming, 30, 0, null, null, null, null, 1800, ClockWarningLevel.None);

    public static BlockClockView Done(int number) =>
        new(number, BlockRunState.Done, 30, 0, Start, null, null, Start.AddMinutes(30), 0, ClockWarningLevel.None);

    public static ClockView NotStarted() =>
        new(ClockPhase.NotStarted, null, false, null, null, Now, null, [Upcoming(1), Upcoming(2), Upcoming(3)]);

    public static ClockView Intro() =>
        new(ClockPhase.Intro, null, false, Start, null, Now, null, [Upcoming(1), Upcoming(2), Upcoming(3)]);

    public static ClockView Between(int lastDone) =>
        new(ClockPhase.Between, null, false, Start, null, Now, null,
            [.. Enumerable.Range(1, 3).Select(n => n <= lastDone ? Done(n) : Upcoming(n))]);

    public static ClockView Ended() =>
        new(ClockPhase.Ended, null, false, Start, Now, Now, null, [Done(1), Done(2), Done(3)]);

    /// <summary>Block <paramref name="number"/> running with <paramref name="remaining"/> left at <see cref="Now"/>.</summary>
    public static ClockView Running(int number, TimeSpan remaining, int extendedMinutes = 0)
    {
        var current = new BlockClockView(
            number, BlockRunState.Running, 30, extendedMinutes, Now - TimeSpan.FromMinutes(30 + extendedMinutes) + remaining,
            Now + remaining, null, null, (int)Math.Floor(remaining.TotalSeconds), Level(remaining));
        return Clock(number, current);
    }

    public static ClockView Paused(int number, TimeSpan remaining)
    {
        var current = new BlockClockView(
            number, BlockRunState.Paused, 30, 0, Now.AddMinutes(-20), null, Now.AddMinutes(-1), null,
            (int)Math.Floor(remaining.TotalSeconds), Level(remaining));
        return Clock(number, current);
    }

    public static PublicQuestion Question(
        long id,
        string text,
        QuestionStatus status = QuestionStatus.Approved,
        string? name = null,
        string? organisation = null,
        int votes = 0,
        int? pinnedOrder = null,
        int minute = 0,
        int? block = null) => new(
        id, block, text, name, organisation, status, votes, pinnedOrder is not null, pinnedOrder, null,
        Start.AddMinutes(minute), status == QuestionStatus.OnStage ? Now : null, null);

    public static BackstageMessage Note(long id, string text, DateTimeOffset at) => new(id, text, at);

    private static ClockView Clock(int number, BlockClockView current) =>
        new(ClockPhase.Block, number, false, Start, null, Now, current,
            [.. Enumerable.Range(1, 3).Select(n => n == number ? current : n < number ? Done(n) : Upcoming(n))]);

    private static ClockWarningLevel Level(TimeSpan remaining) =>
        remaining <= TimeSpan.Zero ? ClockWarningLevel.Overtime
        : remaining <= TimeSpan.FromMinutes(1) ? ClockWarningLevel.OneMinute
        : remaining <= TimeSpan.FromMinutes(5) ? ClockWarningLevel.FiveMinutes
        : ClockWarningLevel.None;
}
