using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>
/// The demo event driven through the live hub from start to end (as a moderator and a viewer would),
/// so its transcript is frozen by the app itself; then published the way the organiser's review will,
/// directly in SQL. Shared by the page's integration tests and its browser tests.
/// </summary>
/// <remarks>Times relative to the stream start: block 1 05:12–23:12, stream end 23:42. The answered
/// question was put on stage at 16:12 (972 s).</remarks>
public sealed class ReplayScenario
{
    public const string Slug = DemoContent.SpotOnOzgSlug;
    public const string AnsweredText = "Wie digitalisieren wir trotz Personalmangel?";
    public const string AnswerNote = "Siehe auch die Förderrichtlinie des Landes.";
    public const string OpenText = "Gibt es eine Vorlage für den Antrag auf den Beratungsgutschein?";
    public const string HiddenText = "Darf ich hier die Telefonnummer meiner Kollegin nennen?";
    public const string RejectedText = "Doppelte Frage zum Gutschein, bitte ignorieren";
    public const int StagedSeconds = 972;

    private ReplayScenario(TestApp app, long eventId, string title)
    {
        App = app;
        EventId = eventId;
        Title = title;
    }

    public TestApp App { get; }

    public long EventId { get; }

    public string Title { get; }

    public string Path => $"/events/{Slug}/replay";

    /// <summary>Runs the demo event through the hub and ends it (status ended, transcript frozen, not published).</summary>
    public static async Task<ReplayScenario> EndedAsync(TestApp app)
    {
        var ev = await app.Get<EventStore>().FindBySlugAsync(Slug) ?? throw new InvalidOperationException("No demo event.");
        await using var moderator = await app.ConnectAsync(await app.SignInAsync());
        await moderator.InvokeAsync("JoinEvent", Slug);
        await using var viewer = await app.ConnectAsync();
        await viewer.InvokeAsync("IdentifyViewer", (string?)null);
        await viewer.InvokeAsync("JoinEvent", Slug);
        var time = app.Time;

        async Task<long> AskAsync(string text, string? name = null, string? organisation = null)
        {
            var asked = await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = "c" + Guid.NewGuid().ToString("N"), text, displayName = name, organisation, blockNumber = (int?)1 });
            return asked.GetProperty("id").GetInt64();
        }

        async Task<JsonElement> ActAsync(string method, long questionId, params object?[] rest)
        {
            await using var connection = app.Get<Database>().Open();
            var version = await connection.ExecuteScalarAsync<long>("SELECT version FROM questions WHERE id = @questionId", new { questionId });
            return await moderator.InvokeAsync(method, [ev.Id, questionId, version, .. rest]);
        }

        await moderator.ClockAsync("StartEvent", ev.Id);                 // stream start: t = 0
        time.Advance(TimeSpan.FromSeconds(312));
        await moderator.ClockAsync("StartBlock", ev.Id, 1);              // block 1 at 05:12
        time.Advance(TimeSpan.FromSeconds(600));
        var answered = await AskAsync(AnsweredText, "Jana Beispiel", "Landkreis Gießen");
        await ActAsync("ApproveQuestion", answered);
        var open = await AskAsync(OpenText);
        await ActAsync("ApproveQuestion", open);
        var hidden = await AskAsync(HiddenText, "Max Muster");
        await ActAsync("ApproveQuestion", hidden);
        var rejected = await AskAsync(RejectedText);
        await ActAsync("RejectQuestion", rejected, "duplicate");
        time.Advance(TimeSpan.FromSeconds(60));
        await ActAsync("StageQuestion", answered);                        // on stage at 16:12
        time.Advance(TimeSpan.FromSeconds(120));
        await ActAsync("MarkAnswered", answered, AnswerNote);
        await ActAsync("StageQuestion", hidden);
        time.Advance(TimeSpan.FromSeconds(60));
        await ActAsync("MarkAnswered", hidden, (string?)null);
        time.Advance(TimeSpan.FromSeconds(240));
        await moderator.ClockAsync("EndBlock", ev.Id);                   // block 1 ends at 23:12
        time.Advance(TimeSpan.FromSeconds(30));
        await moderator.ClockAsync("EndEvent", ev.Id);                   // stream end at 23:42

        await using (var connection = app.Get<Database>().Open())
        {
            // The privacy review hides one question (another helper builds the organiser's screen for it).
            await connection.ExecuteAsync(
                "UPDATE transcript_questions SET hidden = 1 WHERE event_id = @id AND text = @HiddenText; UPDATE transcripts SET version = version + 1 WHERE event_id = @id",
                new { id = ev.Id, HiddenText });
        }

        return new ReplayScenario(app, ev.Id, ev.Title);
    }

    /// <summary>Ends the event and publishes it with this replay video and recording offset.</summary>
    public static async Task<ReplayScenario> PublishedAsync(TestApp app, string? videoId = "dQw4w9WgXcQ", int offsetSeconds = 0)
    {
        var scenario = await EndedAsync(app);
        await scenario.PublishAsync(videoId, offsetSeconds);
        return scenario;
    }

    public async Task PublishAsync(string? videoId = "dQw4w9WgXcQ", int offsetSeconds = 0)
    {
        await using var connection = App.Get<Database>().Open();
        await connection.ExecuteAsync(
            """
            UPDATE events SET status = 'published', published_utc = @now, replay_video_id = @videoId, replay_offset_seconds = @offsetSeconds
            WHERE id = @EventId
            """,
            new { now = App.Time.GetUtcNow(), videoId, offsetSeconds, EventId });
    }

    /// <summary>Changes the replay settings as the organiser would after publishing.</summary>
    public async Task SetOffsetAsync(int offsetSeconds)
    {
        await using var connection = App.Get<Database>().Open();
        await connection.ExecuteAsync("UPDATE events SET replay_offset_seconds = @offsetSeconds WHERE id = @EventId", new { offsetSeconds, EventId });
    }
}
