using System.Globalization;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;
using OzgLive.Web.Viewer;

namespace OzgLive.ComponentTests.Viewer;

/// <summary>Hub snapshots as the server sends them, built by hand for rendering the viewer's components.</summary>
internal static class ViewerSamples
{
    public static readonly DateTimeOffset Start = new(2026, 3, 31, 8, 0, 0, TimeSpan.Zero); // 10:00 in Berlin (summer time)
    public static readonly DateTimeOffset Now = Start.AddMinutes(-30);

    /// <param name="publicClock">The organiser shows viewers the remaining time (off by default, as for a new event).</param>
    public static EventView Event(string? liveVideoId = null, string? block2Video = null, string status = "scheduled", bool publicClock = false) => new(
        1,
        "spot-on-ozg-he",
        "Spot on OZG HE – Der Hessische Weg",
        "Die kommunale Umsetzung des OZG in Hessen.",
        "Spot on OZG",
        Start,
        status,
        liveVideoId,
        "Dr. Eva-Charlotte Proll",
        [
            new BlockView(1, "Umsetzungsvereinbarung", "Land und Kommunen.", 30, liveVideoId, [new SpeakerView("Martin Woitschell", "Referatsleiter", "Hessisches Ministerium des Innern")]),
            new BlockView(2, "Digitalisierungsberatung", "", 30, block2Video ?? liveVideoId, [new SpeakerView("Heiko Merz", "", "")]),
            new BlockView(3, "Fördermöglichkeiten", "Förderprogramme.", 30, liveVideoId, []),
        ])
    {
        PublicClock = publicClock,
    };

    public static ClockView NotStarted(DateTimeOffset? now = null) => new(
        ClockPhase.NotStarted, null, false, null, null, now ?? Now, null,
        [.. Enumerable.Range(1, 3).Select(n => Upcoming(n))]);

    /// <summary>Block <paramref name="number"/> running, <paramref name="elapsed"/> into its 30 minutes.</summary>
    public static ClockView Running(int number, TimeSpan elapsed)
    {
        var now = Start.AddMinutes(30 * (number - 1)) + elapsed;
        var started = now - elapsed;
        var endsAt = started.AddMinutes(30);
        var remaining = (int)Math.Floor((endsAt - now).TotalSeconds);
        var blocks = Enumerable.Range(1, 3).Select(n =>
            n < number ? new BlockClockView(n, BlockRunState.Done, 30, 0, null, null, null, started, 0, ClockWarningLevel.None)
            : n == number ? new BlockClockView(n, BlockRunState.Running, 30, 0, started, endsAt, null, null, remaining, remaining <= 300 ? ClockWarningLevel.FiveMinutes : ClockWarningLevel.None)
            : Upcoming(n)).ToList();
        return new ClockView(ClockPhase.Block, number, false, Start, null, now, blocks[number - 1], blocks);
    }

    public static ClockView Ended() => new(
        ClockPhase.Ended, null, false, Start, Start.AddMinutes(90), Start.AddMinutes(95), null,
        [.. Enumerable.Range(1, 3).Select(n => new BlockClockView(n, BlockRunState.Done, 30, 0, null, null, null, null, 0, ClockWarningLevel.None))]);

    public static QuestionSettings Settings(QuestionsState state = QuestionsState.Open, QuestionsState block2 = QuestionsState.Open) =>
        new(state, false, 1, [new(1, QuestionsState.Open), new(2, block2), new(3, QuestionsState.Open)]);

    public static PublicQuestion Question(long id, string text, int votes = 0, QuestionStatus status = QuestionStatus.Approved, string? name = null, string? organisation = null, DateTimeOffset? createdAt = null, string? answer = null) =>
        new(id, null, text, name, organisation, status, votes, false, null, answer, createdAt ?? Now.AddMinutes(-3), status == QuestionStatus.OnStage ? Now : null, null);

    public static EventSnapshot Snapshot(EventView? ev = null, ClockView? clock = null, QuestionSettings? settings = null, IReadOnlyList<PublicQuestion>? questions = null, long seq = 7) => new(
        1, seq, EventRole.Viewer, ev ?? Event(), clock ?? NotStarted(), settings ?? Settings(), questions ?? [], null, [], [], null, null);

    public static ViewerModel Model(EventView? ev = null, ClockView? clock = null, QuestionSettings? settings = null, IReadOnlyList<PublicQuestion>? questions = null) =>
        new(Snapshot(ev, clock, settings, questions));

    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static BlockClockView Upcoming(int n) => new(n, BlockRunState.Upcoming, 30, 0, null, null, null, null, 1800, ClockWarningLevel.None);
}

/// <summary>Sets the request culture for one test, as the localization middleware would.</summary>
internal sealed class Culture : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    public Culture(CultureInfo chosen)
    {
        CultureInfo.CurrentCulture = chosen;
        CultureInfo.CurrentUICulture = chosen;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
