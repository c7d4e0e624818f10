using System.Text;
using Dapper;
using OzgLive.Web.Questions;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Replay.FollowUp;

/// <summary>What the follow-up form does with an answer.</summary>
public enum FollowUpAction
{
    SaveDraft,
    Publish,
    Unpublish,
}

/// <summary>A refused follow-up write: nothing was changed. <paramref name="Field"/> names the form field at fault, if any.</summary>
public sealed class FollowUpException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? Field { get; } = field;
}

/// <summary>
/// Written answers to questions the broadcast had no time for, after the event ended. Each write
/// carries the row version the moderator saw, changes the row and the transcript's version in one
/// transaction (the replay page's ETag), and leaves an audit row with what was there before.
/// </summary>
public sealed class FollowUpAnswers(Database database, TimeProvider time, ILogger<FollowUpAnswers> logger)
{
    public const int MinAnswer = 3;
    public const int MaxAnswer = 4000;
    public const int MaxAnswerBy = 80;


    /// <summary>Saves (as a draft or published) or unpublishes the answer of transcript row <paramref name="rowId"/>.</summary>
    public async Task<TranscriptQuestion> WriteAsync(string actor, long eventId, long rowId, long version, FollowUpAction action, string? text, string? answerBy)
    {
        if (!Enum.IsDefined(action))
        {
            throw new FollowUpException("invalid-argument", "Unbekannte Aktion.");
        }

        string? cleanedText = null;
        string? cleanedBy = null;
        if (action != FollowUpAction.Unpublish)
        {
            cleanedText = CleanAnswer(text);
            var length = QuestionText.Length(cleanedText);
            if (length < MinAnswer || length > MaxAnswer)
            {
                throw new FollowUpException("invalid-argument", $"Die Antwort muss {MinAnswer} bis {MaxAnswer} Zeichen lang sein (jetzt {length}).", "Text");
            }

            cleanedBy = QuestionText.Clean(answerBy);
            var byLength = QuestionText.Length(cleanedBy);
            if (byLength is 0 or > MaxAnswerBy)
            {
                throw new FollowUpException("invalid-argument", $"Bitte angeben, von wem die Antwort ist (1 bis {MaxAnswerBy} Zeichen).", "AnswerBy");
            }
        }

        await using var connection = database.Open();
        using var transaction = Database.BeginWrite(connection);
        var status = await connection.ExecuteScalarAsync<string?>("SELECT status FROM events WHERE id = @eventId", new { eventId }, transaction);
        if (status is not ("ended" or "published"))
        {
            throw new FollowUpException("event-not-ended", "Schriftliche Antworten gibt es erst, wenn die Veranstaltung beendet ist.");
        }

        var transcript = await TranscriptStore.LoadAsync(connection, transaction, eventId)
            ?? throw new FollowUpException("event-not-ended", "Zu dieser Veranstaltung gibt es noch kein Protokoll.");
        // A row of another event answers like a missing one.
        var before = transcript.Questions.FirstOrDefault(q => q.Id == rowId)
            ?? throw new FollowUpException("question-not-found", "Diese Frage gibt es in dieser Veranstaltung nicht.");
        if (before.Version != version)
        {
            throw new FollowUpException("stale", "Diese Antwort wurde inzwischen von jemand anderem geändert; nichts wurde gespeichert. Der aktuelle Stand steht hier, Ihr Text ist im Feld erhalten: Bitte prüfen Sie beides und speichern Sie dann erneut.");
        }

        if (action == FollowUpAction.Unpublish && !before.AnswerPublished)
        {
            throw new FollowUpException("invalid-transition", "Diese Antwort ist nicht veröffentlicht.");
        }

        var now = time.GetUtcNow();
        var after = action switch
        {
            FollowUpAction.Unpublish => before with { AnswerPublished = false },
            _ => before with
            {
                AnswerText = cleanedText,
                AnswerBy = cleanedBy,
                AnswerAt = action == FollowUpAction.Publish || before.AnswerAt is null ? now : before.AnswerAt,
                AnswerPublished = action == FollowUpAction.Publish,
            },
        };
        after = after with { Version = before.Version + 1 };

        var updated = await connection.ExecuteAsync(
            """
            UPDATE transcript_questions
            SET answer_text = @AnswerText, answer_by = @AnswerBy, answer_utc = @AnswerAt, answer_published = @AnswerPublished,
                version = version + 1, updated_utc = @now
            WHERE id = @Id AND event_id = @eventId AND version = @version
            """,
            new { after.AnswerText, after.AnswerBy, after.AnswerAt, after.AnswerPublished, now, after.Id, eventId, version },
            transaction);
        if (updated != 1)
        {
            throw new FollowUpException("stale", "Diese Antwort wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu.");
        }

        await TranscriptStore.MarkChangedAsync(connection, transaction, eventId);
        var auditAction = action switch
        {
            FollowUpAction.SaveDraft => "followup-draft",
            FollowUpAction.Publish => "followup-publish",
            _ => "followup-unpublish",
        };
        await AuditLog.WriteAsync(connection, transaction, eventId, now, actor, auditAction, before.QuestionId, AuditView.From(before), AuditView.From(after));
        transaction.Commit();
        logger.LogInformation("Follow-up answer {Action} for transcript question {RowId} of event {EventId}", action, rowId, eventId);
        return after;
    }

    /// <summary>
    /// QuestionText's rules per line (invisible and control characters out, spaces collapsed), but
    /// paragraphs stay: a written answer of a few hundred words needs them.
    /// </summary>
    public static string CleanAnswer(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder();
        var blank = false;
        foreach (var line in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var cleaned = QuestionText.Clean(line);
            if (cleaned.Length == 0)
            {
                blank = builder.Length > 0;
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(blank ? "\n\n" : "\n");
            }

            builder.Append(cleaned);
            blank = false;
        }

        return builder.ToString();
    }

    private sealed record AuditView(string? AnswerText, string? AnswerBy, DateTimeOffset? AnswerAt, bool AnswerPublished, long Version)
    {
        public static AuditView From(TranscriptQuestion q) => new(q.AnswerText, q.AnswerBy, q.AnswerAt, q.AnswerPublished, q.Version);
    }
}
