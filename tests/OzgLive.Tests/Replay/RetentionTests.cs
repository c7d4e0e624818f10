using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.Review;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>
/// Retention removes askers' names and organisations N days after the stream end, in the transcript
/// in the live record and in the audit log alike; the questions stay, and it happens once.
/// </summary>
public sealed class RetentionTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private async Task<TestEvent> EndedWithNamedQuestionAsync(int? retentionDays)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var asked = await viewer.AskAsync(ev.Id, "Welche Förderprogramme gibt es für Kommunen?", displayName: "Jana Beispiel", organisation: "Landkreis Gießen");
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        var rejected = await viewer.AskAsync(ev.Id, "Doppelt gefragt", displayName: "Jana Beispiel");
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejected.Id(), "duplicate");
        await moderator.ClockAsync("EndEvent", ev.Id);
        var errors = await fixture.App.Get<TranscriptReview>().SaveSettingsAsync(
            ev.Id, new ReplaySettingsInput(null, "0:00", retentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture)), "account:test");
        Assert.True(errors.Ok, string.Join("; ", errors.Values));
        return ev;
    }

    private async Task<(int Named, int Questions, string? RemovedAt, int TranscriptNamed, int TranscriptRows)> StoredAsync(long eventId)
    {
        await using var connection = fixture.App.Get<Database>().Open();
        return await connection.QuerySingleAsync<(int, int, string?, int, int)>(
            """
            SELECT (SELECT COUNT(*) FROM questions WHERE event_id = @eventId AND (display_name IS NOT NULL OR organisation IS NOT NULL)),
                   (SELECT COUNT(*) FROM questions WHERE event_id = @eventId),
                   (SELECT names_removed_utc FROM events WHERE id = @eventId),
                   (SELECT COUNT(*) FROM transcript_questions WHERE event_id = @eventId AND (display_name IS NOT NULL OR organisation IS NOT NULL)),
                   (SELECT COUNT(*) FROM transcript_questions WHERE event_id = @eventId)
            """,
            new { eventId });
    }

    [Fact]
    public async Task Names_stay_until_the_retention_has_passed_and_then_leave_both_tables_once_while_the_questions_stay()
    {
        var ev = await EndedWithNamedQuestionAsync(retentionDays: 3);
        var sweeper = fixture.App.Get<RetentionSweeper>();
        var versionBefore = (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!.Version;

        fixture.App.Time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(ev.Id, await sweeper.SweepAsync());
        Assert.Equal((2, 2, (string?)null, 1, 1), await StoredAsync(ev.Id));
        // The audit log keeps the questions as moderated, names included, until the retention runs.
        Assert.Contains(await fixture.AuditAsync(ev.Id), a => (a.BeforeJson + a.AfterJson).Contains("Jana Beispiel", StringComparison.Ordinal));

        fixture.App.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(ev.Id, await sweeper.SweepAsync());

        var after = await StoredAsync(ev.Id);
        Assert.Equal((0, 2, 0, 1), (after.Named, after.Questions, after.TranscriptNamed, after.TranscriptRows));
        Assert.NotNull(after.RemovedAt);
        var transcript = (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!;
        Assert.Equal("Welche Förderprogramme gibt es für Kommunen?", Assert.Single(transcript.Questions).Text);
        Assert.Equal(versionBefore + 1, transcript.Version);
        Assert.NotNull((await fixture.App.Get<TranscriptStore>().LoadSettingsAsync(ev.Id))!.NamesRemovedAt);
        var audit = await fixture.AuditAsync(ev.Id);
        Assert.DoesNotContain(audit, a => (a.BeforeJson + a.AfterJson).Contains("Jana Beispiel", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => (a.BeforeJson + a.AfterJson).Contains("Landkreis Gie", StringComparison.Ordinal));
        Assert.Contains(audit, a => (a.BeforeJson + a.AfterJson).Contains("programme gibt es", StringComparison.Ordinal));

        // Runs once: a later sweep leaves the event alone (no second audit row, no version bump).
        fixture.App.Time.Advance(TimeSpan.FromDays(1));
        Assert.DoesNotContain(ev.Id, await sweeper.SweepAsync());
        Assert.Equal(transcript.Version, (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!.Version);
        Assert.Single(await fixture.AuditAsync(ev.Id), a => a.Action == "retention");
    }

    [Fact]
    public async Task Without_a_retention_setting_names_are_kept()
    {
        var ev = await EndedWithNamedQuestionAsync(retentionDays: null);

        fixture.App.Time.Advance(TimeSpan.FromDays(4000));
        Assert.DoesNotContain(ev.Id, await fixture.App.Get<RetentionSweeper>().SweepAsync());

        Assert.Equal((2, 2, (string?)null, 1, 1), await StoredAsync(ev.Id));
    }
}
