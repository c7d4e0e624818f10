using OzgLive.Web.Questions;

namespace OzgLive.Web.Replay;

/// <summary>
/// What an event left behind, frozen when it ended: its chapters, its approved questions with their
/// moments in the stream, and the moderation counts. Reviews and follow-up answers change it later;
/// nothing the live moderation does after the end reaches it.
/// </summary>
/// <remarks>All seconds are relative to the stream start; <see cref="RecordingTime"/> turns them into
/// positions in the recording using the event's offset.</remarks>
public sealed record Transcript(
    long EventId,
    DateTimeOffset FrozenAt,
    DateTimeOffset StreamStartedAt,
    DateTimeOffset StreamEndedAt,
    ModerationCounts Counts,
    IReadOnlyList<TranscriptChapter> Chapters,
    IReadOnlyList<TranscriptQuestion> Questions,
    long Version)
{
    public int StreamSeconds => (int)Math.Round((StreamEndedAt - StreamStartedAt).TotalSeconds);

    /// <summary>The published part: hidden questions and unpublished answers left out.</summary>
    public IEnumerable<TranscriptQuestion> Visible => Questions.Where(q => !q.Hidden);

    public int Count(TranscriptOutcome outcome) => Questions.Count(q => q.Outcome == outcome);
}

/// <summary>Moderation made visible: numbers only, never a rejected question's text.</summary>
public sealed record ModerationCounts(
    int Received,
    int NotReviewed,
    int Merged,
    IReadOnlyDictionary<RejectReason, int> Rejected)
{
    public int RejectedTotal => Rejected.Values.Sum();

    /// <summary>
    /// <see cref="Received"/> by the channel the questions came in on (<see cref="Channels.QuestionChannel"/>),
    /// most first; channels without questions are not listed.
    /// </summary>
    public IReadOnlyList<(string Channel, int Received)> ReceivedByChannel { get; init; } = [];
}

/// <summary>A block as it was held.</summary>
public sealed record TranscriptChapter(int BlockNumber, string Title, int StartSeconds, int EndSeconds);

public enum TranscriptOutcome
{
    AnsweredLive,
    AnsweredInWriting,
    Open,
}

public sealed record TranscriptQuestion(
    long Id,
    long QuestionId,
    int? BlockNumber,
    string Text,
    string? DisplayName,
    string? Organisation,
    int Votes,
    int AskedSeconds,
    int? StagedSeconds,
    int? AnsweredSeconds,
    string? AnswerText,
    string? AnswerBy,
    DateTimeOffset? AnswerAt,
    bool AnswerPublished,
    bool Hidden,
    bool NameRemoved,
    bool TextEdited,
    long Version,
    string Channel = Channels.QuestionChannel.Live)
{
    public TranscriptOutcome Outcome =>
        AnsweredSeconds is not null ? TranscriptOutcome.AnsweredLive
        : AnswerPublished && !string.IsNullOrWhiteSpace(AnswerText) ? TranscriptOutcome.AnsweredInWriting
        : TranscriptOutcome.Open;

    /// <summary>The written answer the public may read (live notes and published follow-ups).</summary>
    public string? PublishedAnswer => AnswerPublished ? AnswerText : null;

    /// <summary>The moment the recording should jump to: when the question was put on stage.</summary>
    public int? JumpSeconds => StagedSeconds;

    /// <summary>The question's number in its event (#1, #2, … in ask order), the same as during the broadcast.</summary>
    public int Number { get; init; }
}

/// <summary>The event's replay settings, kept apart from <c>LiveEvent</c> because only replay pages need them.</summary>
public sealed record ReplaySettings(
    long EventId,
    string? ReplayVideoId,
    int OffsetSeconds,
    DateTimeOffset? PublishedAt,
    int? RetentionDays,
    DateTimeOffset? NamesRemovedAt);
