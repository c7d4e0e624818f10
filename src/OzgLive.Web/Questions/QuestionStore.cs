using System.Data;
using Dapper;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Questions;

/// <summary>The questions' SQL. Writers pass their connection and transaction; readers open their own.</summary>
public sealed class QuestionStore(Database database)
{
    private const string Columns = """
        id, event_id AS EventId, block_number AS BlockNumber, client_id AS ClientId, viewer_id AS ViewerId, text,
        original_text AS OriginalText, display_name AS DisplayName, organisation, source, status,
        reject_reason AS RejectReason, held_reason AS HeldReason, pinned, moderator_order AS ModeratorOrder,
        answer_text AS AnswerText, merged_into_id AS MergedIntoId, votes, version, created_utc AS CreatedAt,
        approved_utc AS ApprovedAt, staged_utc AS StagedAt, answered_utc AS AnsweredAt, follow_key AS FollowKey, number, channel
        """;

    public async Task<IReadOnlyList<Question>> ListAsync(long eventId)
    {
        await using var connection = database.Open();
        return await ListAsync(connection, null, eventId);
    }

    /// <summary>The questions of the event this viewer voted for (ix_question_votes_viewer).</summary>
    internal static async Task<IReadOnlyList<long>> VotedByAsync(IDbConnection connection, IDbTransaction? transaction, long eventId, string viewerId) =>
        (await connection.QueryAsync<long>(
            "SELECT v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE v.viewer_id = @viewerId AND q.event_id = @eventId",
            new { eventId, viewerId }, transaction)).AsList();

    internal static async Task<IReadOnlyDictionary<long, int>> AskerCountsAsync(IDbConnection connection, IDbTransaction? transaction, long eventId)
    {
        var rows = await connection.QueryAsync<(long QuestionId, long Count)>(
            "SELECT a.question_id, COUNT(*) FROM question_askers a JOIN questions q ON q.id = a.question_id WHERE q.event_id = @eventId GROUP BY a.question_id",
            new { eventId }, transaction);
        return rows.ToDictionary(r => r.QuestionId, r => (int)r.Count);
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(long eventId)
    {
        await using var connection = database.Open();
        return (await connection.QueryAsync<AuditEntry>(
            "SELECT id, at_utc AS At, actor, action, question_id AS QuestionId, before_json AS BeforeJson, after_json AS AfterJson FROM audit_log WHERE event_id = @eventId ORDER BY id",
            new { eventId })).AsList();
    }

    internal static async Task<IReadOnlyList<Question>> ListAsync(IDbConnection connection, IDbTransaction? transaction, long eventId)
    {
        var rows = await connection.QueryAsync<QuestionRow>(
            $"SELECT {Columns} FROM questions WHERE event_id = @eventId ORDER BY id", new { eventId }, transaction);
        return rows.Select(r => r.ToQuestion()).ToList();
    }

    /// <summary>The statuses other viewers may see (<see cref="QuestionEnums.IsPublic"/>), as stored.</summary>
    internal static readonly string[] PublicStatuses =
        [.. Enum.GetValues<QuestionStatus>().Where(s => s.IsPublic()).Select(s => s.ToDb())];

    /// <summary>The questions everybody may see, read as such (ix_questions_event_status), not filtered afterwards.</summary>
    internal static async Task<IReadOnlyList<Question>> ListPublicAsync(IDbConnection connection, IDbTransaction? transaction, long eventId)
    {
        var rows = await connection.QueryAsync<QuestionRow>(
            $"SELECT {Columns} FROM questions WHERE event_id = @eventId AND status {SqlDialect.Of(connection).In("@PublicStatuses")} ORDER BY id",
            new { eventId, PublicStatuses }, transaction);
        return rows.Select(r => r.ToQuestion()).ToList();
    }

    /// <summary>One viewer's own questions (ix_questions_viewer).</summary>
    internal static async Task<IReadOnlyList<Question>> ListByViewerAsync(IDbConnection connection, IDbTransaction? transaction, long eventId, string viewerId)
    {
        var rows = await connection.QueryAsync<QuestionRow>(
            $"SELECT {Columns} FROM questions WHERE event_id = @eventId AND viewer_id = @viewerId ORDER BY id",
            new { eventId, viewerId }, transaction);
        return rows.Select(r => r.ToQuestion()).ToList();
    }

    internal static async Task<Question?> LoadAsync(IDbConnection connection, IDbTransaction? transaction, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<QuestionRow>(
            $"SELECT {Columns} FROM questions WHERE id = @id", new { id }, transaction);
        return row?.ToQuestion();
    }

    internal static async Task<Question?> FindByClientIdAsync(PreparedCommands commands, long eventId, string clientId)
    {
        var row = await commands.For($"SELECT {Columns} FROM questions WHERE event_id = @eventId AND client_id = @clientId")
            .Set("eventId", eventId)
            .Set("clientId", clientId)
            .FirstOrDefaultAsync<QuestionRow>();
        return row?.ToQuestion();
    }

    internal static Task<int> AskersAsync(IDbConnection connection, IDbTransaction transaction, long questionId) =>
        connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM question_askers WHERE question_id = @questionId", new { questionId }, transaction);

    /// <summary>The event's next question number, as a value in an INSERT with the parameter <c>@eventId</c>.</summary>
    public const string NextNumber = "(SELECT COALESCE(MAX(number), 0) + 1 FROM questions WHERE event_id = @eventId)";

    /// <summary>Stores a new question with the event's next number (#1, #2, …), given in the same
    /// write transaction, so numbers follow the ask order and are never reused.</summary>
    internal static async Task<Question> InsertAsync(PreparedCommands commands, Question q)
    {
        var (id, number) = await commands.For(
            $"""
            INSERT INTO questions (event_id, block_number, client_id, viewer_id, text, original_text, display_name,
                organisation, source, status, held_reason, approved_utc, created_utc, updated_utc, follow_key, number, channel)
            VALUES (@eventId, @blockNumber, @clientId, @viewerId, @text, @originalText, @displayName,
                @organisation, @source, @status, @heldReason, @approvedAt, @createdAt, @createdAt, @followKey, {NextNumber}, @channel)
            RETURNING id, number
            """)
            .Set("eventId", q.EventId)
            .Set("blockNumber", q.BlockNumber)
            .Set("clientId", q.ClientId)
            .Set("viewerId", q.ViewerId)
            .Set("text", q.Text)
            .Set("originalText", q.OriginalText)
            .Set("displayName", q.DisplayName)
            .Set("organisation", q.Organisation)
            .Set("source", q.Source.ToDb())
            .Set("status", q.Status.ToDb())
            .Set("heldReason", q.HeldReason)
            .Set("approvedAt", q.ApprovedAt)
            .Set("createdAt", q.CreatedAt)
            .Set("followKey", q.FollowKey)
            .Set("channel", q.Channel)
            .FirstOrDefaultAsync<(long, int)>();
        if (q.ViewerId is not null)
        {
            await commands.For("INSERT INTO question_askers (question_id, viewer_id) VALUES (@id, @viewerId) ON CONFLICT DO NOTHING")
                .Set("id", id)
                .Set("viewerId", q.ViewerId)
                .ExecuteAsync();
        }

        return q with { Id = id, Number = number };
    }

    /// <summary>Writes every changeable field and raises the version by one.</summary>
    internal static async Task<Question> SaveAsync(IDbConnection connection, IDbTransaction transaction, Question q, DateTimeOffset now)
    {
        var saved = q with { Version = q.Version + 1 };
        await connection.ExecuteAsync(
            """
            UPDATE questions SET block_number = @BlockNumber, text = @Text, status = @status, reject_reason = @rejectReason,
                held_reason = @HeldReason, pinned = @Pinned, moderator_order = @ModeratorOrder, answer_text = @AnswerText,
                merged_into_id = @MergedIntoId, votes = @Votes, version = @Version, approved_utc = @ApprovedAt,
                staged_utc = @StagedAt, answered_utc = @AnsweredAt, updated_utc = @now
            WHERE id = @Id
            """,
            new
            {
                saved.BlockNumber, saved.Text, status = saved.Status.ToDb(), rejectReason = saved.RejectReason?.ToDb(),
                saved.HeldReason, saved.Pinned, saved.ModeratorOrder, saved.AnswerText, saved.MergedIntoId, saved.Votes,
                saved.Version, saved.ApprovedAt, saved.StagedAt, saved.AnsweredAt, now, saved.Id,
            },
            transaction);
        return saved;
    }

    private sealed class QuestionRow
    {
        public long Id { get; init; }
        public long EventId { get; init; }
        public int? BlockNumber { get; init; }
        public string ClientId { get; init; } = "";
        public string? ViewerId { get; init; }
        public string Text { get; init; } = "";
        public string OriginalText { get; init; } = "";
        public string? DisplayName { get; init; }
        public string? Organisation { get; init; }
        public string Source { get; init; } = "";
        public string Status { get; init; } = "";
        public string? RejectReason { get; init; }
        public string? HeldReason { get; init; }
        public bool Pinned { get; init; }
        public int? ModeratorOrder { get; init; }
        public string? AnswerText { get; init; }
        public long? MergedIntoId { get; init; }
        public int Votes { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ApprovedAt { get; init; }
        public DateTimeOffset? StagedAt { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
        public string? FollowKey { get; init; }
        public int Number { get; init; }
        public string? Channel { get; init; }

        public Question ToQuestion() => new(
            Id, EventId, BlockNumber, ClientId, ViewerId, Text, OriginalText, DisplayName, Organisation,
            QuestionEnums.Parse<QuestionSource>(Source), QuestionEnums.Parse<QuestionStatus>(Status),
            RejectReason is null ? null : QuestionEnums.Parse<RejectReason>(RejectReason),
            HeldReason, Pinned, ModeratorOrder, AnswerText, MergedIntoId, Votes, Version, CreatedAt, ApprovedAt, StagedAt, AnsweredAt, FollowKey, Number, Channel);
    }
}

public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public long? QuestionId { get; init; }
    public string? BeforeJson { get; init; }
    public string? AfterJson { get; init; }
}
