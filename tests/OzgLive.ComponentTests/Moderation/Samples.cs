using System.Globalization;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>Wire records as the hub sends them, for rendering the console's components.</summary>
internal static class Samples
{
    /// <summary>31 March 2026, 08:41 UTC = 10:41 in Berlin (summer time began on 29 March).</summary>
    public static readonly DateTimeOffset Asked = new(2026, 3, 31, 8, 41, 0, TimeSpan.Zero);

    public static ModeratorQuestion Question(
        long id = 12,
        QuestionStatus status = QuestionStatus.Pending,
        string text = "Wo beantrage ich den Voucher für die Digitalisierungsberatung?",
        string? originalText = null,
        string? displayName = "Anna Schmidt",
        string? organisation = "Gemeinde Musterstadt",
        QuestionSource source = QuestionSource.Live,
        int? blockNumber = 2,
        RejectReason? rejectReason = null,
        string? heldReason = null,
        bool pinned = false,
        int? moderatorOrder = null,
        string? answerText = null,
        int votes = 3,
        int askers = 1,
        long version = 4,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? stagedAt = null,
        DateTimeOffset? answeredAt = null) =>
        new(id, blockNumber, text, originalText ?? text, displayName, organisation, source, status, rejectReason, heldReason,
            pinned, moderatorOrder, answerText, null, votes, askers, version, createdAt ?? Asked,
            status is QuestionStatus.Pending or QuestionStatus.Rejected ? null : Asked.AddMinutes(1), stagedAt, answeredAt);

    public static EventView Event(int blocks = 3, string status = "live") => new(
        7, "spot-on-ozg-test", "Spot on OZG Test", "Eine Testsendung.", "Spot on OZG",
        new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.Zero), status, null, "Erika Moderation",
        Enumerable.Range(1, blocks).Select(n => new BlockView(n, $"Themenblock {n}", "", 30, null, [])).ToList());

    public static readonly DateTimeOffset Now = new(2026, 3, 31, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A clock in one of the states the controls know: notStarted, intro, running, paused, between, ended.</summary>
    public static ClockView Clock(string state, int current = 1, int blocks = 3, int remainingSeconds = 725, bool autoAdvance = false)
    {
        var list = new List<BlockClockView>();
        for (var n = 1; n <= blocks; n++)
        {
            var started = Now.AddMinutes(-(30 - remainingSeconds / 60.0) - 30 * (current - n));
            list.Add(state switch
            {
                "running" or "paused" when n < current => Done(n, started),
                "running" when n == current => new BlockClockView(n, BlockRunState.Running, 30, 0, started, Now.AddSeconds(remainingSeconds), null, null, remainingSeconds, Warn(remainingSeconds)),
                "paused" when n == current => new BlockClockView(n, BlockRunState.Paused, 30, 5, started, null, Now, null, remainingSeconds, Warn(remainingSeconds)),
                "between" when n <= current => Done(n, started),
                "ended" => Done(n, started),
                _ => new BlockClockView(n, BlockRunState.Upcoming, 30, 0, null, null, null, null, 1800, ClockWarningLevel.None),
            });
        }

        var phase = state switch
        {
            "notStarted" => ClockPhase.NotStarted,
            "intro" => ClockPhase.Intro,
            "running" or "paused" => ClockPhase.Block,
            "between" => ClockPhase.Between,
            _ => ClockPhase.Ended,
        };
        var currentBlock = phase == ClockPhase.Block ? current : (int?)null;
        return new ClockView(phase, currentBlock, autoAdvance, phase == ClockPhase.NotStarted ? null : Now.AddHours(-1),
            phase == ClockPhase.Ended ? Now : null, Now, currentBlock is int c ? list[c - 1] : null, list);
    }

    public static QuestionSettings Settings(QuestionsState state = QuestionsState.Open, bool autoApprove = false, int blocks = 3) =>
        new(state, autoApprove, 5, Enumerable.Range(1, blocks).Select(n => new BlockQuestionsState(n, n == 2 ? QuestionsState.Closed : QuestionsState.Open)).ToList());

    public static EventSnapshot Snapshot(IReadOnlyList<ModeratorQuestion> queue, string? presenterKey = null, EventRole role = EventRole.Moderator) => new(
        7, 41, role, Event(), Clock("running"), Settings(), null, queue, [], [],
        [new BackstageMessage(1, "Noch zwei Minuten", Asked)], presenterKey);

    public static IDisposable Culture(string name)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui));
    }

    private static BlockClockView Done(int n, DateTimeOffset started) =>
        new(n, BlockRunState.Done, 30, 0, started, null, null, started.AddMinutes(30), 0, ClockWarningLevel.None);

    private static ClockWarningLevel Warn(int seconds) =>
        seconds <= 0 ? ClockWarningLevel.Overtime : seconds <= 60 ? ClockWarningLevel.OneMinute : seconds <= 300 ? ClockWarningLevel.FiveMinutes : ClockWarningLevel.None;

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
