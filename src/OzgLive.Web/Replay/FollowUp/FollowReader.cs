using Dapper;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Replay.FollowUp;

/// <summary>Where a question stands, as its asker is told on the private link.</summary>
public enum FollowStatus
{
    /// <summary>Waiting for a moderator's approval.</summary>
    Pending,

    /// <summary>Approved, waiting to be taken up.</summary>
    Approved,

    /// <summary>On stage right now.</summary>
    OnStage,

    AnsweredLive,
    AnsweredInWriting,

    /// <summary>Approved but not answered (yet): after the end it is answered in writing.</summary>
    Open,

    /// <summary>Not published: a moderator rejected it (the reason is shown).</summary>
    Rejected,

    /// <summary>The event ended before a moderator got to it.</summary>
    NotReviewed,

    Withdrawn,
}

/// <param name="Text">The question as the asker wrote it (after moderators' edits).</param>
/// <param name="MergedInto">When it was merged with another question: that question's text, whose status is shown.</param>
/// <param name="JumpSeconds">Position in the recording where the answer starts, once the replay is published.</param>
public sealed record FollowModel(
    LiveEvent Event,
    string Text,
    DateTimeOffset AskedAt,
    FollowStatus Status,
    RejectReason? RejectReason,
    string? MergedInto,
    string? AnswerText,
    string? AnswerBy,
    DateTimeOffset? AnswerAt,
    int? JumpSeconds)
{
    public bool EventOver => Event.Status is EventStatus.Ended or EventStatus.Published;

    /// <summary>The asker's question's number in its event (#3): the one moderators, the review and the replay show.</summary>
    public int Number { get; init; }

    public string? ReplayLink => JumpSeconds is int t
        ? $"/events/{Uri.EscapeDataString(Event.Slug)}/replay?t={t}#aufzeichnung"
        : null;
}

/// <summary>
/// Reads one question by the key of its private link. The key is looked up by its unique index and
/// nothing else: there is no list of keys and no answer that tells a near miss from a wrong key.
/// Live and upcoming events answer from the live questions; ended ones from the frozen transcript.
/// </summary>
public sealed class FollowReader(Database database)
{
    private const int MaxMergeHops = 10;

    public async Task<FollowModel?> ReadAsync(string? key)
    {
        var (model, number) = await ReadWithNumberAsync(key);
        return model is null ? null : model with { Number = number };
    }

    private async Task<(FollowModel? Model, int Number)> ReadWithNumberAsync(string? key)
    {
        if (!FollowKeys.LooksValid(key))
        {
            return (null, 0);
        }

        await using var connection = database.Open();
        using var transaction = Database.BeginRead(connection);
        var questionId = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM questions WHERE follow_key = @key", new { key }, transaction);
        if (questionId is not long id || await QuestionStore.LoadAsync(connection, transaction, id) is not Question own)
        {
            return (null, 0);
        }

        var ev = await EventStore.LoadAsync(connection, own.EventId, transaction);
        if (ev is null)
        {
            return (null, 0);
        }

        // A merged question lives on in the one it was merged into: that one's status is the asker's too.
        var current = own;
        for (var hops = 0; current.Status == QuestionStatus.Merged && current.MergedIntoId is long next && hops < MaxMergeHops; hops++)
        {
            current = await QuestionStore.LoadAsync(connection, transaction, next) ?? current;
            if (current.Id != next)
            {
                break;
            }
        }

        var mergedInto = current.Id != own.Id ? current.Text : null;
        var over = ev.Status is EventStatus.Ended or EventStatus.Published;
        if (!over)
        {
            return (Live(ev, own, current, mergedInto), own.Number);
        }

        var settings = await TranscriptStore.LoadSettingsAsync(connection, transaction, ev.Id);
        var row = await TranscriptStore.LoadQuestionAsync(connection, transaction, current.Id);
        if (row is null)
        {
            // Not in the transcript: it was never approved (or was withdrawn or rejected) before the end.
            var status = current.Status switch
            {
                QuestionStatus.Rejected => FollowStatus.Rejected,
                QuestionStatus.Withdrawn => FollowStatus.Withdrawn,
                _ => FollowStatus.NotReviewed,
            };
            return (new FollowModel(ev, own.Text, own.CreatedAt, status, current.RejectReason, mergedInto, null, null, null, null), own.Number);
        }

        var text = mergedInto is null ? row.Text : own.Text;
        if (row.AnsweredSeconds is not null)
        {
            int? jump = ev.Status == EventStatus.Published && !row.Hidden && row.StagedSeconds is int staged
                ? RecordingTime.Position(staged, settings?.OffsetSeconds ?? 0)
                : null;
            return (new FollowModel(ev, text, own.CreatedAt, FollowStatus.AnsweredLive, null, mergedInto is null ? null : row.Text,
                row.AnswerPublished ? row.AnswerText : null, row.AnswerPublished ? row.AnswerBy : null, row.AnswerPublished ? row.AnswerAt : null, jump), own.Number);
        }

        var model = row.AnswerPublished && !string.IsNullOrWhiteSpace(row.AnswerText)
            ? new FollowModel(ev, text, own.CreatedAt, FollowStatus.AnsweredInWriting, null, mergedInto is null ? null : row.Text, row.AnswerText, row.AnswerBy, row.AnswerAt, null)
            : new FollowModel(ev, text, own.CreatedAt, FollowStatus.Open, null, mergedInto is null ? null : row.Text, null, null, null, null);
        return (model, own.Number);
    }

    private static FollowModel Live(LiveEvent ev, Question own, Question current, string? mergedInto)
    {
        var status = current.Status switch
        {
            QuestionStatus.Pending => FollowStatus.Pending,
            QuestionStatus.Approved => FollowStatus.Approved,
            QuestionStatus.OnStage => FollowStatus.OnStage,
            // Answered in writing and never on stage: not answered live (issue 11, bug 2).
            QuestionStatus.Answered when current.StagedAt is null && current.AnswerText is not null => FollowStatus.AnsweredInWriting,
            QuestionStatus.Answered => FollowStatus.AnsweredLive,
            QuestionStatus.Rejected => FollowStatus.Rejected,
            QuestionStatus.Withdrawn => FollowStatus.Withdrawn,
            _ => FollowStatus.Pending,
        };
        var answer = status is FollowStatus.AnsweredLive or FollowStatus.AnsweredInWriting ? current.AnswerText : null;
        return new FollowModel(ev, own.Text, own.CreatedAt, status, current.RejectReason, mergedInto, answer, null, current.AnsweredAt, null);
    }
}
