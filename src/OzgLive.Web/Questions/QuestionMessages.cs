namespace OzgLive.Web.Questions;

// Wire records of the question features (docs/hub-protocol.md shows each with an example).

/// <summary>A question as every viewer may see it: only approved, on-stage and answered ones exist here.</summary>
public sealed record PublicQuestion(
    long Id,
    int? BlockNumber,
    string Text,
    string? DisplayName,
    string? Organisation,
    QuestionStatus Status,
    int Votes,
    bool Pinned,
    int? ModeratorOrder,
    string? AnswerText,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StagedAt,
    DateTimeOffset? AnsweredAt)
{
    public static PublicQuestion From(Question q) => new(
        q.Id, q.BlockNumber, q.Text, q.DisplayName, q.Organisation, q.Status, q.Votes, q.Pinned, q.ModeratorOrder,
        q.AnswerText, q.CreatedAt, q.StagedAt, q.AnsweredAt) { Number = q.Number };

    /// <summary>The question's number in its event (#1, #2, … in ask order): what people see and say.</summary>
    public int Number { get; init; }
}

/// <summary>A question as moderators see it: everything, with the version their actions must carry.</summary>
/// <param name="Channel">Where it came from: "live", "embed:https://partner.example", "embed", or a moderator's source (Channels/QuestionChannel.cs).</param>
public sealed record ModeratorQuestion(
    long Id,
    int? BlockNumber,
    string Text,
    string OriginalText,
    string? DisplayName,
    string? Organisation,
    QuestionSource Source,
    QuestionStatus Status,
    RejectReason? RejectReason,
    string? HeldReason,
    bool Pinned,
    int? ModeratorOrder,
    string? AnswerText,
    long? MergedIntoId,
    int Votes,
    int Askers,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? StagedAt,
    DateTimeOffset? AnsweredAt,
    string Channel = Channels.QuestionChannel.Live)
{
    public static ModeratorQuestion From(Question q, int askers) => new(
        q.Id, q.BlockNumber, q.Text, q.OriginalText, q.DisplayName, q.Organisation, q.Source, q.Status, q.RejectReason,
        q.HeldReason, q.Pinned, q.ModeratorOrder, q.AnswerText, q.MergedIntoId, q.Votes, askers, q.Version,
        q.CreatedAt, q.ApprovedAt, q.StagedAt, q.AnsweredAt, Channels.QuestionChannel.Of(q.Source, q.Channel)) { Number = q.Number };

    /// <summary>The question's number in its event (#1, #2, … in ask order): what people see and say.</summary>
    public int Number { get; init; }
}

/// <summary>A question as its author sees it, pending and rejected included.</summary>
/// <param name="FollowKey">The key of the author's private link <c>/fragen/{key}</c> (null for questions
/// a moderator added). Only this record carries it, and it goes to the author's own connections only.</param>
public sealed record OwnQuestion(
    long Id,
    string ClientId,
    int? BlockNumber,
    string Text,
    string? DisplayName,
    string? Organisation,
    QuestionStatus Status,
    RejectReason? RejectReason,
    long? MergedIntoId,
    int Votes,
    string? AnswerText,
    DateTimeOffset CreatedAt,
    string? FollowKey = null)
{
    public static OwnQuestion From(Question q) => new(
        q.Id, q.ClientId, q.BlockNumber, q.Text, q.DisplayName, q.Organisation, q.Status, q.RejectReason, q.MergedIntoId,
        q.Votes, q.AnswerText, q.CreatedAt, q.FollowKey) { Number = q.Number };

    /// <summary>The question's number in its event (#1, #2, … in ask order): what people see and say.</summary>
    public int Number { get; init; }
}

/// <summary>To viewers and presenters (numbered by seq): questions that appeared or changed in the public list, and ids that left it.</summary>
public sealed record QuestionsChanged(long EventId, long Seq, IReadOnlyList<PublicQuestion> Questions, IReadOnlyList<long> Removed);

/// <summary>To moderators (numbered by modSeq): every question the change touched, in full.</summary>
public sealed record QueueChanged(long EventId, long Seq, IReadOnlyList<ModeratorQuestion> Questions);

/// <summary>To the author's own connections (not numbered): their questions as they are now.</summary>
public sealed record MyQuestionsChanged(long EventId, IReadOnlyList<OwnQuestion> Questions);

/// <summary>To everyone in the event (not numbered, absolute counts): vote counts, coalesced.</summary>
public sealed record VotesChanged(long EventId, IReadOnlyDictionary<string, int> Votes);

public sealed record BlockQuestionsState(int Number, QuestionsState QuestionsState);

/// <summary>Whether questions are open, for the event and per block (numbered like other changes).</summary>
public sealed record QuestionSettings(QuestionsState QuestionsState, bool AutoApprove, long SettingsVersion, IReadOnlyList<BlockQuestionsState> Blocks);

public sealed record QuestionSettingsChanged(long EventId, long Seq, QuestionSettings Settings);

public sealed record BackstageMessage(long Id, string Text, DateTimeOffset CreatedAt)
{
    /// <summary>True: the note goes when the next block starts (the default when sending).</summary>
    public bool UntilNextBlock { get; init; }

    /// <summary>When the note goes, if the moderator gave it a duration.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>To presenters and moderators (not numbered): the backstage messages not yet dismissed.</summary>
public sealed record BackstageChanged(long EventId, IReadOnlyList<BackstageMessage> Messages);

/// <summary>The answer to IdentifyViewer: keep the token and present it on every new connection.</summary>
public sealed record ViewerTicket(string ViewerId, string Token);

/// <summary>The answer to a vote: the question's count and whether this viewer now votes for it.</summary>
public sealed record VoteResult(long QuestionId, int Votes, bool Voted);

/// <summary>The answer to a bulk approval: what was approved and what was refused, with why.</summary>
public sealed record BulkApproveResult(IReadOnlyList<long> Approved, IReadOnlyList<BulkRefusal> Refused);

public sealed record BulkRefusal(long QuestionId, string Code, string Message);

/// <summary>One question in a bulk action, with the version the moderator saw.</summary>
public sealed record QuestionRef(long QuestionId, long Version);

public static class QuestionMessageNames
{
    public const string QuestionsChanged = nameof(QuestionsChanged);
    public const string QueueChanged = nameof(QueueChanged);
    public const string MyQuestionsChanged = nameof(MyQuestionsChanged);
    public const string VotesChanged = nameof(VotesChanged);
    public const string QuestionSettingsChanged = nameof(QuestionSettingsChanged);
    public const string BackstageChanged = nameof(BackstageChanged);
}
