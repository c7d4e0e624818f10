using System.Globalization;
using OzgLive.Web.Clock;
using OzgLive.Web.Components;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Stage;

/// <summary>
/// What the presenter screen shows: the public part of a snapshot. Staff who open the screen get
/// the moderators' snapshot; only the questions the public may see are taken from it, so the
/// screen looks the same and never shows a pending question, whoever opened it.
/// </summary>
public sealed record StageState(
    long EventId,
    long Seq,
    EventRole Role,
    EventView Event,
    ClockView Clock,
    IReadOnlyList<PublicQuestion> Questions,
    IReadOnlyList<BackstageMessage> Backstage,
    IReadOnlyList<OzgLive.Web.Polls.PollView>? Polls = null)
{
    public static StageState From(EventSnapshot snapshot) => new(
        snapshot.EventId,
        snapshot.Seq,
        snapshot.Role,
        snapshot.Event,
        snapshot.Clock,
        snapshot.PublicQuestions?.Where(q => q.Status.IsPublic()).ToList()
            ?? snapshot.Queue?.Where(q => q.Status.IsPublic()).Select(Public).ToList()
            ?? [],
        snapshot.Backstage ?? [],
        snapshot.Polls);

    private static PublicQuestion Public(ModeratorQuestion q) => new(
        q.Id, q.BlockNumber, q.Text, q.DisplayName, q.Organisation, q.Status, q.Votes, q.Pinned, q.ModeratorOrder,
        q.AnswerText, q.CreatedAt, q.StagedAt, q.AnsweredAt);
}

/// <summary>Which questions the presenter sees (the only copy of these rules: the screen is rendered on the server alone).</summary>
public static class StageQuestions
{
    public const int NextCount = 3;

    /// <summary>The question on stage (there is at most one; the latest staged wins if ever two).</summary>
    public static PublicQuestion? OnStage(IEnumerable<PublicQuestion> questions) =>
        questions.Where(q => q.Status == QuestionStatus.OnStage)
            .OrderByDescending(q => q.StagedAt)
            .ThenByDescending(q => q.Id)
            .FirstOrDefault();

    /// <summary>Approved questions in the moderators' order: pinned first in the order they were
    /// pinned, then most votes, then oldest.</summary>
    public static IReadOnlyList<PublicQuestion> Waiting(IEnumerable<PublicQuestion> questions) =>
        questions.Where(q => q.Status == QuestionStatus.Approved)
            .OrderByDescending(q => q.Pinned)
            .ThenBy(q => q.Pinned ? q.ModeratorOrder ?? int.MaxValue : 0)
            .ThenByDescending(q => q.Votes)
            .ThenBy(q => q.CreatedAt)
            .ThenBy(q => q.Id)
            .ToList();

    /// <summary>"Anna Schmidt, Gemeinde Musterstadt", either part alone, or null when neither was given.</summary>
    public static string? Asker(PublicQuestion question, string nameAndOrganisation)
    {
        var name = string.IsNullOrWhiteSpace(question.DisplayName) ? null : question.DisplayName;
        var organisation = string.IsNullOrWhiteSpace(question.Organisation) ? null : question.Organisation;
        return name is not null && organisation is not null
            ? string.Format(CultureInfo.CurrentCulture, nameAndOrganisation, name, organisation)
            : name ?? organisation;
    }
}

/// <summary>The countdown in words and numbers.</summary>
public static class StageClock
{
    /// <summary>Time left in the current block at <paramref name="now"/> (the view's serverNow when not given; negative in overtime); null without one.</summary>
    public static TimeSpan? Remaining(ClockView clock, DateTimeOffset? now = null) => clock.Current switch
    {
        null => null,
        { State: BlockRunState.Running, EndsAt: DateTimeOffset endsAt } => endsAt - (now ?? clock.ServerNow),
        var current => TimeSpan.FromSeconds(current.RemainingSeconds),
    };

    /// <summary>none, fiveMinutes (≤ 5:00 left), oneMinute (≤ 1:00), overtime (≤ 0): the hub's warning levels.</summary>
    public static string Level(TimeSpan? remaining) => remaining switch
    {
        null => "none",
        var r when r <= TimeSpan.Zero => "overtime",
        var r when r <= TimeSpan.FromMinutes(1) => "oneMinute",
        var r when r <= TimeSpan.FromMinutes(5) => "fiveMinutes",
        _ => "none",
    };

    /// <summary>"4:59" left, "+1:05" in overtime (whole seconds, cut off).</summary>
    public static string Time(TimeSpan remaining) =>
        remaining <= TimeSpan.Zero ? "+" + ClockText.Format(-remaining) : ClockText.Format(remaining);

    /// <summary>The next block that has not run yet, for the screen between blocks.</summary>
    public static BlockView? NextBlock(EventView ev, ClockView clock) =>
        ev.Blocks.FirstOrDefault(b =>
            clock.Blocks.FirstOrDefault(c => c.Number == b.Number) is not { } state || state.State == BlockRunState.Upcoming);

    /// <summary>The name a value has in the hub's JSON (camelCase), as the CSS uses it.</summary>
    public static string Camel<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>UTC for datetime attributes ("2026-05-12T09:00:00.000Z").</summary>
    public static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
