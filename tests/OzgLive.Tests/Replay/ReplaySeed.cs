using Dapper;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>A frozen transcript for an ended demo event, written as the freezer would, then published or not.
/// Linked into the component and browser tests, which render its pages without driving a broadcast.</summary>
internal static class ReplaySeed
{
    public const string AnsweredText = "Wo beantrage ich den Beratungsgutschein Digitalisierung?";
    public const string OpenText = "Wie digitalisieren wir trotz Personalmangel?";
    public const string HiddenText = "Ausgeblendete Frage QWERTZ";

    public static async Task SeedAsync(Database database, long eventId, bool publish)
    {
        await using var connection = database.Open();
        var now = DateTimeOffset.UtcNow;
        await connection.ExecuteAsync(
            """
            INSERT INTO transcripts (event_id, frozen_utc, stream_started_utc, stream_ended_utc, received, not_reviewed, merged,
                rejected_offtopic, rejected_duplicate, rejected_personaldata, rejected_abusive, rejected_other)
            SELECT id, @now, scheduled_start_utc, scheduled_start_utc, 4, 0, 0, 0, 1, 0, 0, 0 FROM events WHERE id = @eventId;
            INSERT INTO transcript_chapters (event_id, block_number, title, start_seconds, end_seconds)
            VALUES (@eventId, 1, 'Beratungsgutschein', 312, 1800);
            UPDATE events SET replay_offset_seconds = 60 WHERE id = @eventId;
            """,
            new { eventId, now });
        await AddAsync(connection, eventId, AnsweredText, "Jana Beispiel", "Landkreis Gießen", staged: 1012, answered: 1100, answer: "Beim Land Hessen.", hidden: false);
        await AddAsync(connection, eventId, OpenText, null, null, staged: null, answered: null, answer: null, hidden: false);
        await AddAsync(connection, eventId, HiddenText, "Geheim", null, staged: null, answered: null, answer: null, hidden: true);
        if (publish)
        {
            await connection.ExecuteAsync("UPDATE events SET status = 'published', published_utc = @now WHERE id = @eventId", new { eventId, now });
        }
    }

    private static async Task AddAsync(
        System.Data.IDbConnection connection, long eventId, string text, string? name, string? organisation, int? staged, int? answered, string? answer, bool hidden)
    {
        var now = DateTimeOffset.UtcNow;
        var id = await connection.ExecuteScalarAsync<long>(
            $"""
            INSERT INTO questions (event_id, block_number, client_id, text, original_text, display_name, organisation, status, created_utc, updated_utc, number)
            VALUES (@eventId, 1, @client, @text, @text, @name, @organisation, @status, @now, @now, {OzgLive.Web.Questions.QuestionStore.NextNumber})
            RETURNING id;
            """,
            new { eventId, client = Guid.NewGuid().ToString("N"), text, name, organisation, status = answered is null ? "approved" : "answered", now });
        await connection.ExecuteAsync(
            """
            INSERT INTO transcript_questions (event_id, question_id, number, block_number, text, display_name, organisation, votes, asked_seconds,
                staged_seconds, answered_seconds, answer_text, answer_published, hidden, updated_utc)
            VALUES (@eventId, @id, (SELECT number FROM questions WHERE id = @id), 1, @text, @name, @organisation, 3, 600, @staged, @answered, @answer, @published, @hidden, @now)
            """,
            new { eventId, id, text, name, organisation, staged, answered, answer, published = answer is not null, hidden, now });
    }
}
