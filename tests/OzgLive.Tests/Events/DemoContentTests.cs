using System.Net;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Events;

public sealed class DemoContentTests
{
    [Fact]
    public async Task The_spot_on_ozg_he_event_is_seeded_as_announced()
    {
        // 31 March 2026, 10:00 in Berlin.
        await using var app = await TestApp.StartAsync();

        var ev = await app.Get<EventStore>().FindBySlugAsync("spot-on-ozg-he");

        Assert.NotNull(ev);
        Assert.Equal(DemoContent.SpotOnOzgSlug, ev.Slug);
        Assert.StartsWith("Spot on OZG HE", ev.Title, StringComparison.Ordinal);
        Assert.Equal("Spot on OZG", ev.SeriesTitle);
        Assert.Equal(EventStatus.Scheduled, ev.Status);
        Assert.Equal("Dr. Eva-Charlotte Proll", ev.ModeratorName);
        Assert.Equal(
            ["Umsetzungsvereinbarung zwischen Land und kommunalen Spitzenverbänden", "Kostenfreie Digitalisierungsberatungen für jede Kommune", "Weitere gezielte Fördermöglichkeiten"],
            ev.Blocks.Select(b => b.Title));
        Assert.Equal([1, 2, 3], ev.Blocks.Select(b => b.Number));
        Assert.All(ev.Blocks, b => Assert.Equal(30, b.PlannedMinutes));
        Assert.Equal(TimeSpan.FromMinutes(90), ev.PlannedDuration);
        Assert.Equal(
            ["Martin Woitschell", "Heiko Merz", "Mirco Sander"],
            ev.Blocks.Select(b => Assert.Single(b.Speakers).Name));
        Assert.Contains("Hessisches Ministerium des Innern und für Sport", ev.Blocks[0].Speakers[0].Organisation, StringComparison.Ordinal);
        Assert.Contains("Hessisches Ministerium des Innern und für Sport", ev.Blocks[1].Speakers[0].Organisation, StringComparison.Ordinal);
        Assert.Contains("Digitale Strategie und Entwicklung", ev.Blocks[2].Speakers[0].Organisation, StringComparison.OrdinalIgnoreCase);
        // Planned for the next morning at 10:00 Berlin time, so a newcomer can start it today.
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), ev.ScheduledStart);
        Assert.Equal("Mittwoch, 1. April 2026, 10:00 Uhr", BerlinTime.LongDateTime(ev.ScheduledStart));
    }

    [Fact]
    public async Task The_four_marketing_workshops_are_seeded_as_a_past_series_of_ended_events()
    {
        await using var app = await TestApp.StartAsync();
        var store = app.Get<EventStore>();

        var series = await store.ListSeriesAsync();
        var workshops = Assert.Single(series, s => s.Slug == "ozg-marketing-workshops");
        var events = (await store.ListEventsAsync(includeDrafts: true)).Where(e => e.SeriesId == workshops.Id).ToList();

        Assert.Equal(2, series.Count);
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(EventStatus.Ended, e.Status));
        Assert.All(events, e => Assert.True(e.ScheduledStart < app.Time.GetUtcNow()));
        Assert.Equal(
            [new DateOnly(2022, 3, 3), new DateOnly(2022, 4, 28), new DateOnly(2022, 6, 8), new DateOnly(2022, 7, 21)],
            events.Select(e => DateOnly.FromDateTime(BerlinTime.ToBerlin(e.ScheduledStart).DateTime)));
        Assert.Contains(events, e => e.Title.Contains("#MultiplikatorenFürOZG", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Title.Contains("#SocialMedia", StringComparison.Ordinal));
        foreach (var summary in events)
        {
            var full = await store.FindByIdAsync(summary.Id);
            Assert.NotNull(full);
            Assert.NotEmpty(full.Blocks);
            Assert.All(full.Blocks, b => Assert.InRange(b.PlannedMinutes, BlockInput.MinMinutes, BlockInput.MaxMinutes));
        }
    }

    [Fact]
    public async Task The_rueckblick_is_a_published_past_broadcast_with_a_transcript_of_answered_open_and_rejected_questions()
    {
        await using var app = await TestApp.StartAsync();

        var ev = await app.Get<EventStore>().FindBySlugAsync(DemoContent.ReplaySlug);
        Assert.NotNull(ev);
        Assert.Equal(EventStatus.Published, ev.Status);
        Assert.Equal("Spot on OZG", ev.SeriesTitle);
        Assert.True(ev.ScheduledStart < app.Time.GetUtcNow());
        var transcript = await app.Get<TranscriptStore>().LoadAsync(ev.Id);
        var settings = await app.Get<TranscriptStore>().LoadSettingsAsync(ev.Id);

        Assert.NotNull(transcript);
        Assert.NotNull(settings);
        Assert.Equal(45, settings.OffsetSeconds);
        Assert.False(string.IsNullOrEmpty(settings.ReplayVideoId));
        Assert.Equal([1, 2, 3], transcript.Chapters.Select(c => c.BlockNumber));
        Assert.Equal(220, transcript.Chapters[0].StartSeconds);
        Assert.Equal(96 * 60, transcript.StreamSeconds);
        Assert.InRange(transcript.Questions.Count, 12, 18);
        Assert.Equal(16, transcript.Counts.Received);
        Assert.Equal(1, transcript.Counts.Rejected[RejectReason.Duplicate]);
        Assert.Equal(1, transcript.Counts.NotReviewed);
        Assert.Equal(8, transcript.Count(TranscriptOutcome.AnsweredLive));
        Assert.Equal(3, transcript.Count(TranscriptOutcome.AnsweredInWriting));
        Assert.Equal(3, transcript.Count(TranscriptOutcome.Open));
        Assert.Contains(transcript.Questions, q => q.Text.Contains("Voucher", StringComparison.Ordinal) && q.Outcome == TranscriptOutcome.AnsweredLive && q.StagedSeconds is not null);
        Assert.Contains(transcript.Questions, q => q.Text.Contains("Personal fehlt", StringComparison.Ordinal));
        Assert.All(transcript.Questions.Where(q => q.Outcome == TranscriptOutcome.AnsweredInWriting), q => Assert.False(string.IsNullOrEmpty(q.AnswerBy)));
        Assert.DoesNotContain(transcript.Questions, q => q.Text.Contains("mit dem Personalmangel schaffen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_pages_show_the_seeded_content()
    {
        await using var app = await TestApp.StartAsync();
        using var http = app.CreateClient();

        var page = await http.GetStringAsync("/events/spot-on-ozg-he");

        Assert.Contains("Dr. Eva-Charlotte Proll", page, StringComparison.Ordinal);
        Assert.Contains("Martin Woitschell", page, StringComparison.Ordinal);
        Assert.Contains("Weitere gezielte Fördermöglichkeiten", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/events/social-media-ozg-kommunikation")).StatusCode);
    }

    [Fact]
    public async Task Seeding_happens_once_a_second_start_adds_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var before = await CountsAsync(app);

        app.Time.Advance(TimeSpan.FromDays(2));
        await app.RestartAsync();
        var after = await CountsAsync(app);

        Assert.Equal((2L, 6L, 16L, 16L), before);
        Assert.Equal(before, after);
        var ev = await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug);
        // Still the date of the first start: the restart did not re-plan it.
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), ev!.ScheduledStart);
        Assert.False(await app.Get<DemoContent>().SeedIfEmptyAsync());
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task With_Demo_Seed_false_the_database_stays_empty()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);

        Assert.Equal((0L, 0L, 0L, 0L), await CountsAsync(app));
        Assert.Empty(await app.Get<EventStore>().ListSeriesAsync());
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/events/spot-on-ozg-he")).StatusCode);
    }

    [Fact]
    public async Task A_database_with_the_organisers_own_content_is_not_seeded()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        var saved = await app.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = "Eigene Reihe" });
        Assert.True(saved.Ok);

        await app.RestartAsync(); // still Demo:Seed=false; the demo seeder itself decides below
        var seeded = await app.Get<DemoContent>().SeedIfEmptyAsync();

        Assert.False(seeded);
        var series = Assert.Single(await app.Get<EventStore>().ListSeriesAsync());
        Assert.Equal("Eigene Reihe", series.Title);
        Assert.Null(await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug));
    }

    private static async Task<(long Series, long Events, long Blocks, long Speakers)> CountsAsync(TestApp app)
    {
        await using var connection = app.Get<Database>().Open();
        return await connection.QuerySingleAsync<(long, long, long, long)>(
            "SELECT (SELECT COUNT(*) FROM series), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM blocks), (SELECT COUNT(*) FROM speakers)");
    }
}
