using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

// The records below are the hub's wire format (JSON, camelCase, enums as camelCase strings).
// docs/hub-protocol.md shows each with an example; change both together.

/// <summary>The whole state of one event as the caller may see it; the answer to JoinEvent and GetSnapshot.</summary>
/// <param name="Seq">The caller's stream: <c>modSeq</c> for moderators and organisers, <c>seq</c> for everyone else.</param>
/// <param name="PublicQuestions">Approved, on-stage and answered questions (viewers: the first page, see
/// <see cref="PublicQuestionList"/>; presenters: all; null for moderators, who get <paramref name="Queue"/>).</param>
/// <param name="Queue">Every question of the event in full (moderators and organisers only).</param>
/// <param name="MyQuestions">The identified viewer's own questions, pending ones included.</param>
/// <param name="MyVotes">Ids of the questions the identified viewer votes for.</param>
/// <param name="Backstage">Backstage messages not yet dismissed (presenters, moderators).</param>
/// <param name="PresenterKey">The presenter screen's secret key (moderators, organisers); null when revoked.</param>
/// <param name="Polls">Moderators: every poll with results; everyone else: the polls opened so far, with results where public.</param>
/// <param name="MyPollAnswers">The identified viewer's own poll answers.</param>
/// <param name="PublicQuestionTotal">How many questions are public at this seq (also those left out of <paramref name="PublicQuestions"/>).</param>
/// <param name="MorePublicQuestions">The first page leaves some public questions out: GetPublicQuestions returns them.</param>
public sealed record EventSnapshot(
    long EventId,
    long Seq,
    EventRole Role,
    EventView Event,
    ClockView Clock,
    QuestionSettings Questions,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(PublicQuestionsJson))] IReadOnlyList<PublicQuestion>? PublicQuestions,
    IReadOnlyList<ModeratorQuestion>? Queue,
    IReadOnlyList<OwnQuestion> MyQuestions,
    IReadOnlyList<long> MyVotes,
    IReadOnlyList<BackstageMessage>? Backstage,
    string? PresenterKey,
    IReadOnlyList<PollView>? Polls = null,
    IReadOnlyList<MyPollAnswer>? MyPollAnswers = null,
    int PublicQuestionTotal = 0,
    bool MorePublicQuestions = false);

/// <summary>The answer to GetPublicQuestions: public questions older than the caller's cursor, in ascending id order.</summary>
/// <param name="Seq">The public stream's number of the state the page was read from: at least that of every change already sent.</param>
/// <param name="More">Older public questions remain (ask again with the lowest id of this page).</param>
public sealed record PublicQuestionsPage(
    long EventId,
    long Seq,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(PublicQuestionsJson))] IReadOnlyList<PublicQuestion> Questions,
    bool More);

public sealed record EventView(
    long Id,
    string Slug,
    string Title,
    string Description,
    string SeriesTitle,
    DateTimeOffset ScheduledStart,
    string Status,
    string? LiveVideoId,
    string ModeratorName,
    IReadOnlyList<BlockView> Blocks)
{
    public static EventView From(LiveEvent e) => new(
        e.Id, e.Slug, e.Title, e.Description, e.SeriesTitle, e.ScheduledStart, e.Status.ToDb(),
        e.LiveVideoId, e.ModeratorName,
        e.Blocks.Select(b => new BlockView(
            b.Number, b.Title, b.Description, b.PlannedMinutes,
            b.VideoId ?? e.LiveVideoId,
            b.Speakers.Select(s => new SpeakerView(s.Name, s.Role, s.Organisation)).ToList())).ToList())
    {
        PublicClock = e.PublicClock,
    };

    /// <summary>The organiser lets viewers see the running block's remaining time (never overtime).</summary>
    public bool PublicClock { get; init; }
}

/// <param name="VideoId">The block's own video if it has one, else the event's live video.</param>
public sealed record BlockView(int Number, string Title, string Description, int PlannedMinutes, string? VideoId, IReadOnlyList<SpeakerView> Speakers);

public sealed record SpeakerView(string Name, string Role, string Organisation);

/// <summary>The clock at <see cref="ServerNow"/>. Clients count down from <see cref="BlockClockView.EndsAt"/>
/// corrected by the difference between their own clock and <see cref="ServerNow"/>.</summary>
public sealed record ClockView(
    ClockPhase Phase,
    int? CurrentBlock,
    bool AutoAdvance,
    DateTimeOffset? EventStartedAt,
    DateTimeOffset? EventEndedAt,
    DateTimeOffset ServerNow,
    BlockClockView? Current,
    IReadOnlyList<BlockClockView> Blocks)
{
    public static ClockView From(ClockState state, DateTimeOffset now)
    {
        var blocks = state.Blocks.Select(b => BlockClockView.From(b, now)).ToList();
        return new ClockView(
            state.Phase, state.CurrentBlock, state.AutoAdvance, state.EventStartedAt, state.EventEndedAt, now,
            state.CurrentBlock is int n ? blocks[n - 1] : null,
            blocks) { Version = state.Version };
    }

    /// <summary>The clock version that clock commands must carry: the number of commands accepted so far.</summary>
    public long Version { get; init; }
}

/// <param name="RemainingSeconds">Whole seconds left at the view's serverNow; negative in overtime.</param>
public sealed record BlockClockView(
    int Number,
    BlockRunState State,
    int PlannedMinutes,
    int ExtendedMinutes,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset? PausedAt,
    DateTimeOffset? EndedAt,
    int RemainingSeconds,
    ClockWarningLevel Warning)
{
    public static BlockClockView From(BlockClock b, DateTimeOffset now) => new(
        b.Number, b.State, (int)b.Planned.TotalMinutes, (int)b.Extended.TotalMinutes,
        b.StartedAt, b.EndsAt, b.PausedAt, b.EndedAt,
        (int)Math.Floor(b.Remaining(now).TotalSeconds),
        b.Warning(now));
}

/// <summary>Sent to everyone in the event after every accepted clock command.</summary>
/// <param name="Status">The event's status after the command: starting makes it "live", ending "ended"
/// (or keeps "published"). The only numbered message that carries a status change by the clock.</param>
public sealed record ClockChanged(long EventId, long Seq, ClockCommandKind Command, ClockView Clock, string Status);

/// <summary>Sent to everyone in the event after an organiser changed its details or agenda.</summary>
public sealed record EventUpdated(long EventId, long Seq, EventView Event, ClockView Clock);

/// <summary>Sent to presenters and moderators when a block crosses 5 minutes, 1 minute or zero left.
/// A notification, not a change of state: it carries no sequence number.</summary>
public sealed record ClockWarning(long EventId, int BlockNumber, ClockWarningLevel Level, DateTimeOffset? EndsAt, int RemainingSeconds, DateTimeOffset ServerNow);

/// <summary>To moderators (numbered by modSeq) after an organiser made a new presenter key or revoked it.</summary>
/// <param name="PresenterKey">The new key; null when revoked.</param>
public sealed record PresenterKeyChanged(long EventId, long Seq, string? PresenterKey);

/// <summary>To a presenter screen whose key was renewed or revoked: it gets no more updates of the event.</summary>
public sealed record AccessRevoked(long EventId);

/// <summary>The names clients listen for; one place, reused by tests and docs.</summary>
public static class ServerMessages
{
    public const string ClockChanged = nameof(ClockChanged);
    public const string EventUpdated = nameof(EventUpdated);
    public const string ClockWarning = nameof(ClockWarning);
    public const string PresenterKeyChanged = nameof(PresenterKeyChanged);
    public const string AccessRevoked = nameof(AccessRevoked);

    /// <summary>
    /// Every name the server sends, the question and viewer-count messages included: a client that
    /// must hear everything (the tests' hub client) registers these instead of keeping its own list.
    /// </summary>
    public static readonly IReadOnlyList<string> All =
    [
        ClockChanged, EventUpdated, ClockWarning, PresenterKeyChanged, AccessRevoked, ViewerCounter.Message,
        QuestionMessageNames.QuestionsChanged, QuestionMessageNames.QueueChanged, QuestionMessageNames.MyQuestionsChanged,
        QuestionMessageNames.VotesChanged, QuestionMessageNames.QuestionSettingsChanged, QuestionMessageNames.BackstageChanged,
        PollMessageNames.PollChanged, PollMessageNames.PollRemoved, PollMessageNames.PollResultsChanged,
        nameof(Channels.OverlayChanged),
    ];
}
