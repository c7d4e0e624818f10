namespace OzgLive.Web.Questions;

public enum QuestionStatus
{
    Pending,
    Approved,
    OnStage,
    Answered,
    Rejected,
    Withdrawn,
    Merged,
}

public enum RejectReason
{
    OffTopic,
    Duplicate,
    PersonalData,
    Abusive,
    Other,
}

/// <summary>Where a question came from: typed on our page, or carried in by a moderator.</summary>
public enum QuestionSource
{
    Live,
    YouTube,
    Twitter,
    Email,
    Phone,
    OnSite,
    Other,
}

/// <summary>Whether viewers may ask: for the whole event, or per block.</summary>
public enum QuestionsState
{
    Open,
    Paused,
    Closed,
}

public static class QuestionEnums
{
    public static string ToDb(this QuestionStatus status) => status.ToString().ToLowerInvariant();

    public static string ToDb(this RejectReason reason) => reason.ToString().ToLowerInvariant();

    public static string ToDb(this QuestionSource source) => source.ToString().ToLowerInvariant();

    public static string ToDb(this QuestionsState state) => state.ToString().ToLowerInvariant();

    public static T Parse<T>(string value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{value}' in the database.");

    /// <summary>Only these reach viewers other than the author.</summary>
    public static bool IsPublic(this QuestionStatus status) =>
        status is QuestionStatus.Approved or QuestionStatus.OnStage or QuestionStatus.Answered;

    public static string German(this RejectReason reason) => reason switch
    {
        RejectReason.OffTopic => "Nicht zum Thema",
        RejectReason.Duplicate => "Doppelt",
        RejectReason.PersonalData => "Enthält personenbezogene Daten",
        RejectReason.Abusive => "Beleidigend",
        _ => "Sonstiges",
    };
}

/// <summary>A question as stored, with everything moderators may see.</summary>
public sealed record Question(
    long Id,
    long EventId,
    int? BlockNumber,
    string ClientId,
    string? ViewerId,
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
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? StagedAt,
    DateTimeOffset? AnsweredAt,
    [property: System.Text.Json.Serialization.JsonIgnore] string? FollowKey = null,
    int Number = 0,
    string? Channel = null);
// FollowKey is the asker's private link (/fragen/{key}): never serialised, so it cannot reach the
// audit log that moderators read; only OwnQuestion carries it, to the author alone.
// Number is the question's number in its event (#1, #2, … in ask order): what people see and say,
// given when it is stored (QuestionStore.InsertAsync); the id stays for the protocol.
// Channel is where a viewer asked (null: the live page; see Channels/QuestionChannel.cs).
