using System.Data;
using Dapper;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Replay;

/// <summary>
/// Freezes an event's transcript when it ends, inside the transaction that stores the EndEvent fact,
/// so an ended event always has exactly one transcript.
/// </summary>
public static class TranscriptFreezer
{
    public static async Task FreezeAsync(IDbConnection connection, IDbTransaction transaction, LiveEvent ev, ClockState clock, DateTimeOffset now)
    {
        // Without clock facts (an event imported as past) the schedule is the best guess for the stream start.
        var started = clock.EventStartedAt ?? ev.ScheduledStart;
        var ended = clock.EventEndedAt ?? now;
        var questions = await QuestionStore.ListAsync(connection, transaction, ev.Id);
        int Count(QuestionStatus status) => questions.Count(q => q.Status == status);
        int Rejected(RejectReason reason) => questions.Count(q => q.Status == QuestionStatus.Rejected && q.RejectReason == reason);

        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO transcripts (event_id, frozen_utc, stream_started_utc, stream_ended_utc, received, not_reviewed,
                merged, rejected_offtopic, rejected_duplicate, rejected_personaldata, rejected_abusive, rejected_other)
            VALUES (@EventId, @now, @started, @ended, @Received, @NotReviewed, @Merged, @OffTopic, @Duplicate, @PersonalData, @Abusive, @Other)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                EventId = ev.Id,
                now,
                started,
                ended,
                // Withdrawn questions were taken back by their askers before anyone saw them.
                Received = questions.Count(q => q.Status != QuestionStatus.Withdrawn),
                NotReviewed = Count(QuestionStatus.Pending),
                Merged = Count(QuestionStatus.Merged),
                OffTopic = Rejected(RejectReason.OffTopic),
                Duplicate = Rejected(RejectReason.Duplicate),
                PersonalData = Rejected(RejectReason.PersonalData),
                Abusive = Rejected(RejectReason.Abusive),
                Other = Rejected(RejectReason.Other),
            },
            transaction);
        if (inserted == 0)
        {
            return;
        }

        await connection.ExecuteAsync(
            "INSERT INTO transcript_channels (event_id, channel, received) VALUES (@eventId, @channel, @received)",
            questions.Where(q => q.Status != QuestionStatus.Withdrawn)
                .GroupBy(q => Channels.QuestionChannel.Of(q.Source, q.Channel))
                .Select(g => new { eventId = ev.Id, channel = g.Key, received = g.Count() }),
            transaction);

        int Seconds(DateTimeOffset at) => (int)Math.Round((at - started).TotalSeconds);

        foreach (var block in clock.Blocks.Where(b => b.StartedAt is not null))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO transcript_chapters (event_id, block_number, title, start_seconds, end_seconds)
                VALUES (@eventId, @Number, @title, @start, @end)
                """,
                new
                {
                    eventId = ev.Id,
                    block.Number,
                    title = ev.Blocks.FirstOrDefault(b => b.Number == block.Number)?.Title ?? $"Block {block.Number}",
                    start = Seconds(block.StartedAt!.Value),
                    end = Seconds(block.EndedAt ?? ended),
                },
                transaction);
        }

        foreach (var q in questions.Where(q => q.Status is QuestionStatus.Approved or QuestionStatus.OnStage or QuestionStatus.Answered))
        {
            // A question still on stage at the end was being answered when the broadcast closed. One
            // answered in writing and never put on stage was not answered live: no moment in the stream.
            int? answered = q.Status switch
            {
                QuestionStatus.Answered when q.StagedAt is null && q.AnswerText is not null => null,
                QuestionStatus.Answered => Seconds(q.AnsweredAt ?? ended),
                QuestionStatus.OnStage => Seconds(ended),
                _ => null,
            };
            await connection.ExecuteAsync(
                """
                INSERT INTO transcript_questions (event_id, question_id, number, block_number, text, display_name, organisation, votes,
                    asked_seconds, staged_seconds, answered_seconds, answer_text, answer_utc, answer_published, updated_utc)
                VALUES (@EventId, @Id, @Number, @BlockNumber, @Text, @DisplayName, @Organisation, @Votes,
                    @asked, @staged, @answered, @AnswerText, @answerAt, @published, @now)
                """,
                new
                {
                    q.EventId,
                    q.Id,
                    q.Number,
                    q.BlockNumber,
                    q.Text,
                    q.DisplayName,
                    q.Organisation,
                    q.Votes,
                    asked = Seconds(q.CreatedAt),
                    staged = q.StagedAt is { } staged ? Seconds(staged) : (int?)null,
                    answered,
                    q.AnswerText,
                    answerAt = q.AnswerText is null ? null : q.AnsweredAt,
                    // A note given with "answered" during the broadcast was already public.
                    published = q.AnswerText is not null,
                    now,
                },
                transaction);
        }
    }
}
