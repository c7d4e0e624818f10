using System.Globalization;
using Microsoft.Extensions.Localization;
using OzgLive.Web.Clock;
using OzgLive.Web.Components;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Localization;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Viewer;

/// <summary>
/// The viewer page's state in words, as the server first renders it. wwwroot/js/event-live.js writes
/// the same words from the same resource strings (passed to it by <see cref="ViewerScriptTexts"/>):
/// change both together.
/// </summary>
public static class ViewerWords
{
    /// <summary>"Donnerstag, 31. März 2022, 10:00 Uhr" in German; Berlin time in every language.</summary>
    public static string LongDateTime(IStringLocalizer<ViewerTexts> t, DateTimeOffset utc) =>
        BerlinTime.ToBerlin(utc).ToString(t["Event_DateTimeFormat"], CultureInfo.CurrentUICulture);

    public static string Status(IStringLocalizer<ViewerTexts> t, EventView ev, ClockView clock) => clock.Phase switch
    {
        ClockPhase.NotStarted when ev.Status is "ended" or "published" => t["Clock_Ended"],
        ClockPhase.NotStarted => t["Clock_NotStarted", LongDateTime(t, ev.ScheduledStart)],
        ClockPhase.Intro => t["Clock_Intro"],
        ClockPhase.Block when clock.Current?.State == BlockRunState.Paused => t["Clock_BlockPaused", clock.CurrentBlock ?? 0],
        ClockPhase.Block => t["Clock_BlockRunning", clock.CurrentBlock ?? 0],
        ClockPhase.Between => t["Clock_Between"],
        ClockPhase.Ended => t["Clock_Ended"],
        _ => "",
    };

    /// <summary>Seconds left in the current block at the snapshot's serverNow; null without a current block.</summary>
    public static double? RemainingSeconds(ClockView clock) => clock.Current switch
    {
        null => null,
        { State: BlockRunState.Running, EndsAt: DateTimeOffset endsAt } => (endsAt - clock.ServerNow).TotalSeconds,
        var current => current.RemainingSeconds,
    };

    /// <summary>
    /// "Noch 12:05" when the organiser shows the clock publicly (<see cref="EventView.PublicClock"/>);
    /// empty without a current block, without a public clock and once the time is up: overtime is the
    /// anchors' business backstage, never an alarm for every viewer (issue 12).
    /// </summary>
    public static string Remaining(IStringLocalizer<ViewerTexts> t, EventView ev, ClockView clock) =>
        ev.PublicClock && RemainingSeconds(clock) is double seconds && seconds >= 0
            ? t["Clock_Remaining", ClockText.Format(TimeSpan.FromSeconds(seconds))]
            : "";

    /// <summary>The label on a block of the agenda; empty for a block still to come.</summary>
    public static string BlockState(IStringLocalizer<ViewerTexts> t, BlockRunState state) => state switch
    {
        BlockRunState.Running => t["Block_Running"],
        BlockRunState.Paused => t["Block_Paused"],
        BlockRunState.Done => t["Block_Done"],
        BlockRunState.Skipped => t["Block_Skipped"],
        _ => "",
    };

    /// <summary>"Anna Schmidt, Gemeinde Musterstadt"; "Anonym" without a name.</summary>
    public static string Author(IStringLocalizer<ViewerTexts> t, string? name, string? organisation)
    {
        var who = string.IsNullOrWhiteSpace(name) ? t["Question_Anonymous"].Value : name;
        return string.IsNullOrWhiteSpace(organisation) ? who : $"{who}, {organisation}";
    }

    /// <summary>"vor 3 Minuten" (Humanizer with its German resources), on the server's time line.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now) => RelativeTime.Format(at, now, CultureInfo.CurrentUICulture);

    public static string Votes(IStringLocalizer<ViewerTexts> t, int votes) => votes == 1 ? t["Vote_OneVote"] : t["Vote_Votes"];

    public static string StatusOfOwn(IStringLocalizer<ViewerTexts> t, QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => t["Status_Pending"],
        QuestionStatus.Approved => t["Status_Approved"],
        QuestionStatus.OnStage => t["Status_OnStage"],
        QuestionStatus.Answered => t["Status_Answered"],
        QuestionStatus.Rejected => t["Status_Rejected"],
        QuestionStatus.Withdrawn => t["Status_Withdrawn"],
        QuestionStatus.Merged => t["Status_Merged"],
        _ => "",
    };

    /// <summary>The same names as the hub's JSON (camelCase), so markup, script and CSS share one vocabulary.</summary>
    public static string Camel<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>UTC as JavaScript's toISOString() writes it, so the script's markup matches the server's.</summary>
    public static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
