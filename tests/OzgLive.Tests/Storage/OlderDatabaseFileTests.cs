using System.Net;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Replay;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Storage;

/// <summary>
/// Databases written before the move to Microsoft.Data.Sqlite 10 (issue 9) keep working, and the
/// SQLite that now runs is the new one. Data/ozglive-before-issue9.db was written by the build before
/// that move (SQLite 3.35.5 through SQLitePCLRaw 2.0.6): the demo content and the test organiser,
/// seeded at 2026-03-31T08:00Z, then checkpointed into the one file.
/// </summary>
[Trait("Storage", "SqliteOnly")]
public sealed class OlderDatabaseFileTests
{
    private static readonly string BeforeIssue9 = Path.Combine(AppContext.BaseDirectory, "Storage", "Data", "ozglive-before-issue9.db");

    [Fact]
    public async Task A_database_file_of_the_build_before_issue_9_opens_migrates_and_shows_its_demo_content()
    {
        await using var app = await StartOnACopyOfTheOldFileAsync();

        Assert.Empty(app.Get<Migrator>().Pending());
        await using (var connection = app.Get<Database>().Open())
        {
            var journal = connection.Query<(string Id, string AppliedUtc)>("SELECT id, applied_utc FROM schema_journal ORDER BY id").ToList();
            Assert.Equal(["0001_initial", "0002_questions", "0003_replay", "0004_speaker_links"], journal.Select(j => j.Id).Take(4));
            Assert.All(journal.Take(4), j => Assert.Equal("2026-03-31T08:00:00.000Z", j.AppliedUtc));
            Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
            Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
        }

        var events = app.Get<EventStore>();
        Assert.Equal(6, (await events.ListEventsAsync(includeDrafts: true)).Count);
        var spotOn = await events.FindBySlugAsync(DemoContent.SpotOnOzgSlug);
        Assert.NotNull(spotOn);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), spotOn.ScheduledStart);
        Assert.Equal(["Martin Woitschell", "Heiko Merz", "Mirco Sander"], spotOn.Blocks.Select(b => Assert.Single(b.Speakers).Name));

        var replay = await events.FindBySlugAsync(DemoContent.ReplaySlug);
        Assert.NotNull(replay);
        Assert.Equal(EventStatus.Published, replay.Status);
        var transcript = await app.Get<TranscriptStore>().LoadAsync(replay.Id);
        Assert.NotNull(transcript);
        Assert.Equal(16, transcript.Counts.Received);
        Assert.Equal(8, transcript.Count(TranscriptOutcome.AnsweredLive));
        Assert.Equal(3, transcript.Count(TranscriptOutcome.AnsweredInWriting));
        Assert.Equal([1, 2, 3], transcript.Chapters.Select(c => c.BlockNumber));

        using var http = app.CreateClient();
        var eventPage = await http.GetStringAsync("/events/" + DemoContent.SpotOnOzgSlug);
        Assert.Contains("Dr. Eva-Charlotte Proll", eventPage, StringComparison.Ordinal);
        Assert.Contains("Weitere gezielte Fördermöglichkeiten", eventPage, StringComparison.Ordinal);
        var replayPage = await http.GetAsync($"/events/{DemoContent.ReplaySlug}/replay");
        Assert.Equal(HttpStatusCode.OK, replayPage.StatusCode);
        var replayBody = await replayPage.Content.ReadAsStringAsync();
        Assert.Contains("Wo kann der Voucher für die Digitalisierungsberatung beantragt werden?", replayBody, StringComparison.Ordinal);
        Assert.Contains("Anträge für das laufende Förderjahr können bis zum 30. September gestellt werden.", replayBody, StringComparison.Ordinal);

        // The organiser's password hash, stored by the old build, still signs in.
        await app.SignInAsync();
    }

    [Fact]
    public async Task The_new_library_writes_to_the_old_file_and_reads_it_back_after_a_restart()
    {
        await using var app = await StartOnACopyOfTheOldFileAsync();

        var saved = await app.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = "Neue Reihe nach dem Umzug" });
        Assert.True(saved.Ok);
        await app.RestartAsync();

        var series = await app.Get<EventStore>().ListSeriesAsync();
        Assert.Equal(["Neue Reihe nach dem Umzug", "OZG-Marketing und -Kommunikation: Workshop-Reihe", "Spot on OZG"], series.Select(s => s.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Questions_of_an_older_file_are_numbered_per_event_in_the_order_they_were_asked()
    {
        await using var app = await StartOnACopyOfTheOldFileAsync();
        await using var connection = app.Get<Database>().Open();

        var rows = (await connection.QueryAsync<(long EventId, long Id, long Number)>("SELECT event_id, id, number FROM questions ORDER BY event_id, id")).ToList();
        var transcriptRows = (await connection.QueryAsync<(long QuestionId, long Number)>("SELECT question_id, number FROM transcript_questions")).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows.GroupBy(r => r.EventId), byEvent =>
            Assert.Equal(Enumerable.Range(1, byEvent.Count()).Select(n => (long)n), byEvent.Select(r => r.Number)));
        Assert.NotEmpty(transcriptRows);
        Assert.All(transcriptRows, t => Assert.Equal(rows.Single(r => r.Id == t.QuestionId).Number, t.Number));
    }

    [Fact]
    public void The_app_runs_sqlite_3_53_or_newer_with_its_json_operators()
    {
        using var db = new TempDatabase();
        using var connection = db.Database.Open();

        var version = Version.Parse(connection.ExecuteScalar<string>("SELECT sqlite_version()")!);

        Assert.True(version >= new Version(3, 53), $"SQLite {version} runs; 3.53 or newer was expected.");
        Assert.Equal("Spot on", connection.ExecuteScalar<string>("SELECT '{\"title\":\"Spot on\"}' ->> '$.title'"));
    }

    /// <summary>The app on a copy of the old file (the original stays as committed), two days after it was written.</summary>
    private static Task<TestApp> StartOnACopyOfTheOldFileAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-before-issue9-").FullName;
        File.Copy(BeforeIssue9, Path.Combine(folder, "ozglive.db"));
        // No demo seeding: whatever the tests read can only have come from the old file.
        return TestApp.StartAsync(seedDemo: false, folder: folder, time: new FakeTimeProvider(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero)));
    }
}
