using System.Data;
using Dapper;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Replay;

/// <summary>Reads transcripts and replay settings. One query per table, so a transcript of a thousand
/// questions is read in a few milliseconds (docs/benchmarks.md).</summary>
public sealed class TranscriptStore(Database database)
{
    private const string QuestionColumns = """
        id, question_id AS QuestionId, block_number AS BlockNumber, text, display_name AS DisplayName, organisation,
        votes, asked_seconds AS AskedSeconds, staged_seconds AS StagedSeconds, answered_seconds AS AnsweredSeconds,
        answer_text AS AnswerText, answer_by AS AnswerBy, answer_utc AS AnswerAt, answer_published AS AnswerPublished,
        hidden, name_removed AS NameRemoved, text_edited AS TextEdited, version, number,
        (SELECT q.source FROM questions q WHERE q.id = transcript_questions.question_id) AS Source,
        (SELECT q.channel FROM questions q WHERE q.id = transcript_questions.question_id) AS Channel
        """;

    public async Task<Transcript?> LoadAsync(long eventId)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginRead(connection);
        return await LoadAsync(connection, transaction, eventId);
    }

    /// <summary>The transcript and the settings it is shown with, read in one transaction so they agree.</summary>
    public async Task<(Transcript? Transcript, ReplaySettings? Settings)> LoadWithSettingsAsync(long eventId)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginRead(connection);
        return (await LoadAsync(connection, transaction, eventId), await LoadSettingsAsync(connection, transaction, eventId));
    }

    public async Task<ReplaySettings?> LoadSettingsAsync(long eventId)
    {
        await using var connection = database.Open();
        return await LoadSettingsAsync(connection, null, eventId);
    }

    internal static async Task<Transcript?> LoadAsync(IDbConnection connection, IDbTransaction? transaction, long eventId)
    {
        var head = await connection.QuerySingleOrDefaultAsync<TranscriptRow>(
            """
            SELECT event_id AS EventId, frozen_utc AS FrozenAt, stream_started_utc AS StreamStartedAt,
                stream_ended_utc AS StreamEndedAt, received, not_reviewed AS NotReviewed, merged,
                rejected_offtopic AS RejectedOffTopic, rejected_duplicate AS RejectedDuplicate,
                rejected_personaldata AS RejectedPersonalData, rejected_abusive AS RejectedAbusive,
                rejected_other AS RejectedOther, version
            FROM transcripts WHERE event_id = @eventId
            """,
            new { eventId },
            transaction);
        if (head is null)
        {
            return null;
        }

        var chapters = await connection.QueryAsync<ChapterRow>(
            """
            SELECT block_number AS BlockNumber, title, start_seconds AS StartSeconds, end_seconds AS EndSeconds
            FROM transcript_chapters WHERE event_id = @eventId ORDER BY start_seconds, block_number
            """,
            new { eventId },
            transaction);
        var questions = await connection.QueryAsync<QuestionRow>(
            $"SELECT {QuestionColumns} FROM transcript_questions WHERE event_id = @eventId ORDER BY block_number, COALESCE(staged_seconds, answered_seconds, asked_seconds), id",
            new { eventId },
            transaction);
        var channels = await connection.QueryAsync<(string Channel, int Received)>(
            "SELECT channel, received FROM transcript_channels WHERE event_id = @eventId ORDER BY received DESC, channel",
            new { eventId },
            transaction);
        var counts = new ModerationCounts(head.Received, head.NotReviewed, head.Merged, new Dictionary<RejectReason, int>
        {
            [RejectReason.OffTopic] = head.RejectedOffTopic,
            [RejectReason.Duplicate] = head.RejectedDuplicate,
            [RejectReason.PersonalData] = head.RejectedPersonalData,
            [RejectReason.Abusive] = head.RejectedAbusive,
            [RejectReason.Other] = head.RejectedOther,
        })
        {
            ReceivedByChannel = channels.AsList(),
        };
        return new Transcript(head.EventId, head.FrozenAt, head.StreamStartedAt, head.StreamEndedAt, counts,
            chapters.Select(c => c.ToChapter()).ToList(), questions.Select(q => q.ToQuestion()).ToList(), head.Version);
    }

    /// <summary>Every change to a transcript after freezing calls this: its version is the replay page's ETag.</summary>
    internal static Task MarkChangedAsync(IDbConnection connection, IDbTransaction transaction, long eventId) =>
        connection.ExecuteAsync("UPDATE transcripts SET version = version + 1 WHERE event_id = @eventId", new { eventId }, transaction);

    /// <summary>The transcript's row for one live question, if it made it into the transcript.</summary>
    internal static async Task<TranscriptQuestion?> LoadQuestionAsync(IDbConnection connection, IDbTransaction? transaction, long questionId) =>
        (await connection.QuerySingleOrDefaultAsync<QuestionRow>(
            $"SELECT {QuestionColumns} FROM transcript_questions WHERE question_id = @questionId",
            new { questionId },
            transaction))?.ToQuestion();

    internal static async Task<ReplaySettings?> LoadSettingsAsync(IDbConnection connection, IDbTransaction? transaction, long eventId) =>
        (await connection.QuerySingleOrDefaultAsync<SettingsRow>(
            """
            SELECT id AS EventId, replay_video_id AS ReplayVideoId, replay_offset_seconds AS OffsetSeconds,
                published_utc AS PublishedAt, retention_days AS RetentionDays, names_removed_utc AS NamesRemovedAt
            FROM events WHERE id = @eventId
            """,
            new { eventId },
            transaction))?.ToSettings();

    private sealed class SettingsRow
    {
        public long EventId { get; init; }
        public string? ReplayVideoId { get; init; }
        public int OffsetSeconds { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public int? RetentionDays { get; init; }
        public DateTimeOffset? NamesRemovedAt { get; init; }

        public ReplaySettings ToSettings() => new(EventId, ReplayVideoId, OffsetSeconds, PublishedAt, RetentionDays, NamesRemovedAt);
    }

    private sealed class ChapterRow
    {
        public int BlockNumber { get; init; }
        public string Title { get; init; } = "";
        public int StartSeconds { get; init; }
        public int EndSeconds { get; init; }

        public TranscriptChapter ToChapter() => new(BlockNumber, Title, StartSeconds, EndSeconds);
    }

    private sealed class QuestionRow
    {
        public long Id { get; init; }
        public long QuestionId { get; init; }
        public int? BlockNumber { get; init; }
        public string Text { get; init; } = "";
        public string? DisplayName { get; init; }
        public string? Organisation { get; init; }
        public int Votes { get; init; }
        public int AskedSeconds { get; init; }
        public int? StagedSeconds { get; init; }
        public int? AnsweredSeconds { get; init; }
        public string? AnswerText { get; init; }
        public string? AnswerBy { get; init; }
        public DateTimeOffset? AnswerAt { get; init; }
        public bool AnswerPublished { get; init; }
        public bool Hidden { get; init; }
        public bool NameRemoved { get; init; }
        public bool TextEdited { get; init; }
        public long Version { get; init; }
        public int Number { get; init; }

        public string Source { get; init; } = "live";

        public string? Channel { get; init; }

        public TranscriptQuestion ToQuestion() => new(
            Id, QuestionId, BlockNumber, Text, DisplayName, Organisation, Votes, AskedSeconds, StagedSeconds, AnsweredSeconds,
            AnswerText, AnswerBy, AnswerAt, AnswerPublished, Hidden, NameRemoved, TextEdited, Version,
            Channels.QuestionChannel.Of(Questions.QuestionEnums.Parse<Questions.QuestionSource>(Source), Channel)) { Number = Number };
    }

    private sealed class TranscriptRow
    {
        public long EventId { get; init; }
        public DateTimeOffset FrozenAt { get; init; }
        public DateTimeOffset StreamStartedAt { get; init; }
        public DateTimeOffset StreamEndedAt { get; init; }
        public int Received { get; init; }
        public int NotReviewed { get; init; }
        public int Merged { get; init; }
        public int RejectedOffTopic { get; init; }
        public int RejectedDuplicate { get; init; }
        public int RejectedPersonalData { get; init; }
        public int RejectedAbusive { get; init; }
        public int RejectedOther { get; init; }
        public long Version { get; init; }
    }
}
