using Dapper;
using Microsoft.Data.Sqlite;
using OzgLive.Tests.Storage;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Channels;

/// <summary>
/// Migration 0014 rebuilds the questions table so moderators may record Twitter as a source: nothing
/// that points at a question may be lost on the way, and transcripts frozen before it get their
/// per-channel counts.
/// </summary>
public sealed class QuestionChannelMigrationTests
{
    [Fact]
    public async Task Rebuilding_questions_keeps_votes_askers_and_transcripts_and_then_allows_twitter()
    {
        using var db = new TempDatabase();
        db.Migrator(Migrator.Embedded.Where(m => string.CompareOrdinal(m.Id, "0014") < 0).ToList()).ApplyAll();
        await using (var before = db.Database.Open())
        {
            await before.ExecuteAsync(
                """
                INSERT INTO series (id, slug, title, created_utc) VALUES (1, 'reihe', 'Reihe', '2026-03-31T08:00:00.000Z');
                INSERT INTO events (id, series_id, slug, title, scheduled_start_utc, status, created_utc, updated_utc)
                VALUES (1, 1, 'alt', 'Alt', '2026-03-31T08:00:00.000Z', 'ended', '2026-03-31T08:00:00.000Z', '2026-03-31T08:00:00.000Z');
                INSERT INTO questions (id, event_id, client_id, viewer_id, text, original_text, source, status, created_utc, updated_utc, number, channel)
                VALUES (1, 1, 'a', 'v1', 'Live?', 'Live?', 'live', 'approved', '2026-03-31T08:01:00.000Z', '2026-03-31T08:01:00.000Z', 1, NULL),
                       (2, 1, 'b', 'v2', 'Partner?', 'Partner?', 'live', 'approved', '2026-03-31T08:02:00.000Z', '2026-03-31T08:02:00.000Z', 2, 'embed:https://partner.example'),
                       (3, 1, 'c', NULL, 'YouTube?', 'YouTube?', 'youtube', 'approved', '2026-03-31T08:03:00.000Z', '2026-03-31T08:03:00.000Z', 3, NULL),
                       (4, 1, 'd', 'v1', 'Zurück?', 'Zurück?', 'live', 'withdrawn', '2026-03-31T08:04:00.000Z', '2026-03-31T08:04:00.000Z', 4, NULL);
                INSERT INTO question_votes (question_id, viewer_id, created_utc) VALUES (1, 'v2', '2026-03-31T08:05:00.000Z');
                INSERT INTO question_askers (question_id, viewer_id) VALUES (1, 'v1');
                INSERT INTO transcripts (event_id, frozen_utc, stream_started_utc, stream_ended_utc, received, not_reviewed, merged,
                    rejected_offtopic, rejected_duplicate, rejected_personaldata, rejected_abusive, rejected_other)
                VALUES (1, '2026-03-31T09:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-03-31T09:00:00.000Z', 3, 0, 0, 0, 0, 0, 0, 0);
                INSERT INTO transcript_questions (event_id, question_id, number, text, votes, asked_seconds, updated_utc)
                VALUES (1, 1, 1, 'Live?', 1, 60, '2026-03-31T09:00:00.000Z');
                """);
            // Before 0014 the constraint refuses Twitter: the reason for the rebuild.
            await Assert.ThrowsAsync<SqliteException>(() => before.ExecuteAsync(
                "INSERT INTO questions (event_id, client_id, text, original_text, source, created_utc, updated_utc, number) VALUES (1, 'e', 'X?', 'X?', 'twitter', '2026-03-31T08:06:00.000Z', '2026-03-31T08:06:00.000Z', 5)"));
        }

        db.Migrator().ApplyAll();

        await using var after = db.Database.Open();
        Assert.Equal(4, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM questions"));
        Assert.Equal("embed:https://partner.example", await after.ExecuteScalarAsync<string>("SELECT channel FROM questions WHERE id = 2"));
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM question_votes WHERE question_id = 1"));
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM question_askers WHERE question_id = 1"));
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM transcript_questions WHERE question_id = 1"));
        Assert.Equal(
            [("embed:https://partner.example", 1), ("live", 1), ("youtube", 1)],
            (await after.QueryAsync<(string, int)>("SELECT channel, received FROM transcript_channels WHERE event_id = 1 ORDER BY channel")).ToList());
        await after.ExecuteAsync(
            "INSERT INTO questions (event_id, client_id, text, original_text, source, created_utc, updated_utc, number) VALUES (1, 'e', 'X?', 'X?', 'twitter', '2026-03-31T08:06:00.000Z', '2026-03-31T08:06:00.000Z', 5)");
        // Still a constraint: a source nobody knows is refused.
        await Assert.ThrowsAsync<SqliteException>(() => after.ExecuteAsync(
            "INSERT INTO questions (event_id, client_id, text, original_text, source, created_utc, updated_utc, number) VALUES (1, 'f', 'Y?', 'Y?', 'fax', '2026-03-31T08:07:00.000Z', '2026-03-31T08:07:00.000Z', 6)"));
        // The foreign keys of the rebuilt table work as before: deleting a question takes its votes with it.
        await after.ExecuteAsync("DELETE FROM questions WHERE id = 1");
        Assert.Equal(0, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM question_votes"));
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }
}
