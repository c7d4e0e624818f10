using System.Globalization;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Moderation;

/// <summary>The console's tabs, one per question status a moderator works with.</summary>
public enum QueueColumn
{
    Incoming,
    Approved,
    Stage,
    Answered,
    Rejected,
}

/// <summary>The rules the console follows: which tab a question is in, the order inside a tab, how values are written.</summary>
public static class QueueRules
{
    public static IReadOnlyList<QueueColumn> Columns { get; } = Enum.GetValues<QueueColumn>();

    /// <summary>Withdrawn and merged questions are in no tab: nobody has to act on them any more.</summary>
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
    /// newest question first. Ties go by id.
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

    /// <summary>
    /// The number moderators and organisers call a question by: the stored per-event number (#1, #2, …
    /// in ask order, the same in the review, the replay and the exports), not the database id.
    /// </summary>
    public static IReadOnlyDictionary<long, int> Numbers(IEnumerable<ModeratorQuestion> all) =>
        all.ToDictionary(q => q.Id, q => q.Number);

    /// <summary>
    /// The channels the questions came from (QuestionChannel), for the console's filter; the chosen
    /// one stays offered when its last question has gone (merged, say), so the filter can be left.
    /// </summary>
    public static IReadOnlyList<string> ChannelsPresent(IEnumerable<ModeratorQuestion> all, string? chosen) =>
        [.. all.Select(q => q.Channel).Append(chosen).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The questions of one channel; null: of every channel.</summary>
    public static IReadOnlyList<ModeratorQuestion> OfChannel(IReadOnlyList<ModeratorQuestion> all, string? channel) =>
        channel is null ? all : [.. all.Where(q => q.Channel == channel)];

    /// <summary>
    /// The questions of the channel (and block) that match what the moderator typed: words in the text, the
    /// asker's name or organisation (any case), or the number ("#12" or "12"). At minute 70, with 80
    /// questions, "the one about the voucher" is found by a word.
    /// </summary>
    /// <param name="block">Only the questions of this block; 0: those without a block; null: every block.</param>
    public static IReadOnlyList<ModeratorQuestion> Filtered(IReadOnlyList<ModeratorQuestion> all, string? channel, string? search, int? block = null)
    {
        var ofChannel = block is int b ? [.. OfChannel(all, channel).Where(q => (q.BlockNumber ?? 0) == b)] : OfChannel(all, channel);
        var words = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return ofChannel;
        }

        return [.. ofChannel.Where(q => words.All(word => Matches(q, word)))];
    }

    private static bool Matches(ModeratorQuestion q, string word)
    {
        if (int.TryParse(word.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number == q.Number)
        {
            return true;
        }

        return q.Text.Contains(word, StringComparison.CurrentCultureIgnoreCase)
            || (q.DisplayName?.Contains(word, StringComparison.CurrentCultureIgnoreCase) ?? false)
            || (q.Organisation?.Contains(word, StringComparison.CurrentCultureIgnoreCase) ?? false);
    }

    /// <summary>The names the CSS uses (camelCase).</summary>
    public static string Camel<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The clock's state as one word: notStarted, intro, running, paused, between, ended. An event
    /// that has taken place without a started clock counts as ended.
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
}
