using System.Globalization;
using System.Text.Json;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Moderation;

/// <summary>The console's columns, one per question status a moderator works with.</summary>
public enum QueueColumn
{
    Incoming,
    Approved,
    Stage,
    Answered,
    Rejected,
}

/// <summary>
/// The rules the console's markup follows: which column a question is in, the order inside a
/// column, and how values are written. wwwroot/js/moderate.js follows the same rules in the
/// browser (functions of the same names); change both together.
/// </summary>
public static class ModerationView
{
    public static IReadOnlyList<QueueColumn> Columns { get; } = Enum.GetValues<QueueColumn>();

    /// <summary>Withdrawn and merged questions are in no column: nobody has to act on them any more.</summary>
    public static QueueColumn? ColumnOf(QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => QueueColumn.Incoming,
        QuestionStatus.Approved => QueueColumn.Approved,
        QuestionStatus.OnStage => QueueColumn.Stage,
        QuestionStatus.Answered => QueueColumn.Answered,
        QuestionStatus.Rejected => QueueColumn.Rejected,
        _ => null,
    };

    /// <summary>
    /// Incoming: oldest first (first come, first checked). Approved: the presenter's order (pinned
    /// in pin order, then most votes, then oldest). On stage and answered: latest first. Rejected:
    /// newest question first. Ties go by id, so server and browser agree on every order.
    /// </summary>
    public static IReadOnlyList<ModeratorQuestion> Ordered(QueueColumn column, IEnumerable<ModeratorQuestion> questions)
    {
        var inColumn = questions.Where(q => ColumnOf(q.Status) == column);
        return column switch
        {
            QueueColumn.Incoming => inColumn.OrderBy(q => q.CreatedAt).ThenBy(q => q.Id).ToList(),
            QueueColumn.Approved => inColumn
                .OrderBy(q => q.Pinned ? 0 : 1)
                .ThenBy(q => q.Pinned ? q.ModeratorOrder ?? int.MaxValue : 0)
                .ThenByDescending(q => q.Votes)
                .ThenBy(q => q.CreatedAt)
                .ThenBy(q => q.Id)
                .ToList(),
            QueueColumn.Stage => inColumn.OrderByDescending(q => q.StagedAt).ThenByDescending(q => q.Id).ToList(),
            QueueColumn.Answered => inColumn.OrderByDescending(q => q.AnsweredAt).ThenByDescending(q => q.Id).ToList(),
            _ => inColumn.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id).ToList(),
        };
    }

    /// <summary>The names the hub's JSON uses (camelCase), so markup, script and styles share one vocabulary.</summary>
    public static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The column's key in ids and data attributes: "incoming", "approved", …</summary>
    public static string Key(QueueColumn column) => Camel(column);

    /// <summary>UTC as JavaScript's toISOString() writes it, so the script's markup matches this one.</summary>
    public static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The clock's state as one word for the controls: notStarted, intro, running, paused, between,
    /// ended. An event that has taken place without a started clock counts as ended.
    /// </summary>
    public static string ClockState(ClockView clock, string eventStatus) => clock.Phase switch
    {
        ClockPhase.NotStarted when eventStatus is "ended" or "published" => "ended",
        ClockPhase.NotStarted => "notStarted",
        ClockPhase.Intro => "intro",
        ClockPhase.Block when clock.Current?.State == BlockRunState.Paused => "paused",
        ClockPhase.Block => "running",
        ClockPhase.Between => "between",
        _ => "ended",
    };

    /// <summary>The block NextBlock would start: the first upcoming one after the block started last.</summary>
    public static int? NextBlock(ClockView clock)
    {
        var lastStarted = clock.Blocks.Where(b => b.StartedAt is not null).MaxBy(b => b.StartedAt)?.Number ?? 0;
        return clock.Blocks.FirstOrDefault(b => b.Number > lastStarted && b.State == BlockRunState.Upcoming)?.Number;
    }

    /// <summary>"12:05" (minutes:seconds), "1:02:05" beyond an hour.</summary>
    public static string Duration(int totalSeconds)
    {
        var seconds = Math.Abs(totalSeconds);
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }
}
