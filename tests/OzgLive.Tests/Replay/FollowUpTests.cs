using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.FollowUp;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>
/// /events/{slug}/nachbereitung: the event's moderators and organisers answer open questions in
/// writing after the end; every write carries the version it saw, and a refused one changes nothing.
/// </summary>
public sealed partial class FollowUpTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private sealed record Ended(TestEvent Event, long RowId, long QuestionId);

    [Fact]
    public async Task The_events_moderator_saves_a_draft_publishes_and_unpublishes_with_audit_rows_and_new_versions()
    {
        var ev = await EndedEventAsync();
        var (rowId, questionId) = (ev.RowId, ev.QuestionId);
        var cookies = await fixture.ModeratorCookiesAsync(ev.Event.Id);
        using var http = fixture.App.CreateClient(cookies);

        var page = await GetPageAsync(http, ev);
        Assert.Contains("Wie finanzieren wir die OZG-Folgekosten?", page);
        Assert.Contains("Offene Fragen", page);

        var draft = await PostAsync(http, ev, rowId, "draft", "Über das Programm „Digitale Kommune“.", "Referentin 1");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal($"/events/{ev.Event.Slug}/nachbereitung?hinweis=entwurf#frage-{rowId}", draft.Headers.Location!.PathAndQuery + draft.Headers.Location.Fragment);
        var row = await RowAsync(ev, rowId);
        Assert.Equal(("Über das Programm „Digitale Kommune“.", "Referentin 1", false, 2L), (row.AnswerText, row.AnswerBy, row.AnswerPublished, row.Version));
        Assert.Contains("Entwurf gespeichert", WebUtility.HtmlDecode(await GetPageAsync(http, ev, "?hinweis=entwurf")));

        var publish = await PostAsync(http, ev, rowId, "publish", "Über das Programm „Digitale Kommune“.\r\n\r\nMehr im Rundschreiben.", FollowUpForm.Other, other: "Dr. Kim Beispiel");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        row = await RowAsync(ev, rowId);
        Assert.Equal(("Über das Programm „Digitale Kommune“.\n\nMehr im Rundschreiben.", "Dr. Kim Beispiel", true, 3L), (row.AnswerText, row.AnswerBy, row.AnswerPublished, row.Version));
        Assert.Equal(TranscriptOutcome.AnsweredInWriting, row.Outcome);
        Assert.True(Math.Abs((row.AnswerAt!.Value - fixture.App.Time.GetUtcNow()).TotalMilliseconds) < 1);

        var unpublish = await PostAsync(http, ev, rowId, "unpublish", "", "");
        Assert.Equal(HttpStatusCode.Redirect, unpublish.StatusCode);
        row = await RowAsync(ev, rowId);
        Assert.Equal((false, 4L, TranscriptOutcome.Open), (row.AnswerPublished, row.Version, row.Outcome));
        Assert.Equal("Über das Programm „Digitale Kommune“.\n\nMehr im Rundschreiben.", row.AnswerText);

        var transcript = await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Event.Id);
        Assert.Equal(4, transcript!.Version);
        var audit = (await fixture.AuditAsync(ev.Event.Id)).Where(a => a.Action.StartsWith("followup-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["followup-draft", "followup-publish", "followup-unpublish"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(questionId, a.QuestionId));
        Assert.All(audit, a => Assert.StartsWith("account:", a.Actor));
        Assert.Contains("\"answerPublished\":false", audit[1].BeforeJson);
        Assert.Contains("\"answerPublished\":true", audit[1].AfterJson);
        Assert.Contains("Dr. Kim Beispiel", audit[1].AfterJson);
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_a_clear_message_and_nothing_changes()
    {
        var ev = await EndedEventAsync();
        var rowId = ev.RowId;
        using var first = fixture.App.CreateClient(await fixture.ModeratorCookiesAsync(ev.Event.Id));
        var seen = await GetPageAsync(first, ev);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, ev, rowId, "publish", "Die erste Antwort.", "Referentin 1")).StatusCode);
        var before = await StateAsync(ev);

        // The second moderator's form still carries the version from before the first one's change.
        using var second = fixture.App.CreateClient(await fixture.ModeratorCookiesAsync(ev.Event.Id));
        var refused = await PostAsync(second, ev, rowId, "publish", "Die zweite Antwort.", "Referentin 1", staleFrom: seen);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("inzwischen von jemand anderem geändert; nichts wurde gespeichert", html);
        Assert.Contains("Die zweite Antwort.", html);   // what they typed is kept
        Assert.Contains("Die erste Antwort.", html);    // and the stored answer is shown
        Assert.Equal(before, await StateAsync(ev));
    }

    [Fact]
    public async Task Bad_input_is_refused_and_nothing_changes()
    {
        var ev = await EndedEventAsync();
        var rowId = ev.RowId;
        var other = await EndedEventAsync();
        var otherRowId = other.RowId;
        using var http = fixture.App.CreateClient(await fixture.App.SignInAsync());
        var before = await StateAsync(ev);
        var otherBefore = await StateAsync(other);

        foreach (var (text, by, byOther, expected) in new[]
        {
            ("", "Referentin 1", "", "Die Antwort muss 3 bis 4000 Zeichen lang sein (jetzt 0)."),
            ("\u200B \u0007 ", "Referentin 1", "", "Die Antwort muss 3 bis 4000 Zeichen lang sein (jetzt 0)."),
            (new string('x', 4001), "Referentin 1", "", "Die Antwort muss 3 bis 4000 Zeichen lang sein (jetzt 4001)."),
            ("Eine gute Antwort.", FollowUpForm.Other, "", "Bitte angeben, von wem die Antwort ist (1 bis 80 Zeichen)."),
            ("Eine gute Antwort.", FollowUpForm.Other, new string('n', 81), "Bitte angeben, von wem die Antwort ist (1 bis 80 Zeichen)."),
        })
        {
            var response = await PostAsync(http, ev, rowId, "publish", text, by, byOther);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, ev, rowId, "loeschen", "Eine gute Antwort.", "Referentin 1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, ev, rowId, "unpublish", "", "")).StatusCode);

        // An unknown row, and a row of another event, posted to this event's page: no such form here.
        foreach (var wrongRow in new[] { 987654L, otherRowId })
        {
            var response = await PostRawAsync(http, ev, new()
            {
                ["_handler"] = $"[frage-{wrongRow}]answer",
                ["Input.Version"] = "1",
                ["Input.Action"] = "publish",
                ["Input.Text"] = "Eine Antwort für die falsche Frage.",
                ["Input.AnswerBy"] = "Referentin 1",
            });
            Assert.False(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"row {wrongRow}: {response.StatusCode}");
        }

        // And the service itself refuses a row of another event.
        var error = await Assert.ThrowsAsync<FollowUpException>(() =>
            fixture.App.Get<FollowUpAnswers>().WriteAsync("account:1", ev.Event.Id, otherRowId, 1, FollowUpAction.Publish, "Eine Antwort.", "Referentin 1"));
        Assert.Equal("question-not-found", error.Code);

        Assert.Equal(before, await StateAsync(ev));
        Assert.Equal(otherBefore, await StateAsync(other));
    }

    [Fact]
    public async Task Only_the_events_moderators_and_organisers_get_in()
    {
        var ev = await EndedEventAsync();
        var rowId = ev.RowId;
        var other = await EndedEventAsync();
        var before = await StateAsync(ev);

        using var anonymous = fixture.App.CreateClient();
        var response = await anonymous.GetAsync($"/events/{ev.Event.Slug}/nachbereitung");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);

        using var foreign = fixture.App.CreateClient(await fixture.ModeratorCookiesAsync(other.Event.Id));
        var denied = await foreign.GetAsync($"/events/{ev.Event.Slug}/nachbereitung");
        var html = WebUtility.HtmlDecode(await denied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Kein Zugriff", html);
        Assert.DoesNotContain("Wie finanzieren wir die OZG-Folgekosten?", html);
        // Their own event's page works.
        Assert.Equal(HttpStatusCode.OK, (await foreign.GetAsync($"/events/{other.Event.Slug}/nachbereitung")).StatusCode);

        using var organiser = fixture.App.CreateClient(await fixture.App.SignInAsync());
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/events/{ev.Event.Slug}/nachbereitung")).StatusCode);

        // A live event has no follow-up page yet.
        var live = await fixture.CreateEventAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/events/{live.Slug}/nachbereitung")).StatusCode);
        Assert.Equal(before, await StateAsync(ev));
    }

    [Fact]
    public async Task My_events_links_the_follow_up_of_an_ended_event()
    {
        var ev = await EndedEventAsync();
        using var http = fixture.App.CreateClient(await fixture.ModeratorCookiesAsync(ev.Event.Id));

        var page = await http.GetStringAsync("/moderation");

        Assert.Contains($"href=\"/events/{ev.Event.Slug}/nachbereitung\"", page);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private async Task<Ended> EndedEventAsync()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var asked = await viewer.AskAsync(ev.Id, "Wie finanzieren wir die OZG-Folgekosten?", blockNumber: 1);
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        fixture.App.Time.Advance(TimeSpan.FromMinutes(10));
        await moderator.ClockAsync("EndEvent", ev.Id);
        var row = (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!.Questions.Single();
        return new Ended(ev, row.Id, asked.Id());
    }

    private static async Task<string> GetPageAsync(HttpClient http, TestEvent ev, string query = "")
    {
        var response = await http.GetAsync($"/events/{ev.Slug}/nachbereitung{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<string> GetPageAsync(HttpClient http, Ended ev, string query = "") => GetPageAsync(http, ev.Event, query);

    /// <summary>Posts one question's form as a browser would: its handler and version from the page (or from an older copy of it).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Ended ev, long rowId, string action, string text, string by, string other = "", string? staleFrom = null)
    {
        var page = staleFrom ?? await GetPageAsync(http, ev);
        var article = page[page.IndexOf($"id=\"frage-{rowId}\"", StringComparison.Ordinal)..];
        var handler = WebUtility.HtmlDecode(Handler().Match(article).Groups[1].Value);
        var version = VersionField().Match(article).Groups[1].Value;
        return await PostRawAsync(http, ev, new()
        {
            ["_handler"] = handler,
            ["Input.Version"] = version,
            ["Input.Action"] = action,
            ["Input.Text"] = text,
            ["Input.AnswerBy"] = by,
            ["Input.AnswerByOther"] = other,
        });
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient http, Ended ev, Dictionary<string, string> fields) =>
        Infrastructure.TestApp.PostFormAsync(http, $"/events/{ev.Event.Slug}/nachbereitung", fields);

    private async Task<TranscriptQuestion> RowAsync(Ended ev, long rowId) =>
        (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Event.Id))!.Questions.Single(q => q.Id == rowId);

    /// <summary>The transcript rows, the transcript's version and the audit log as one text.</summary>
    private async Task<string> StateAsync(Ended ev)
    {
        await using var connection = fixture.App.Get<Database>().Open();
        var rows = await connection.QueryAsync("SELECT * FROM transcript_questions WHERE event_id = @Id ORDER BY id", new { ev.Event.Id });
        var version = await connection.ExecuteScalarAsync<long>("SELECT version FROM transcripts WHERE event_id = @Id", new { ev.Event.Id });
        var audit = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE event_id = @Id", new { ev.Event.Id });
        return System.Text.Json.JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object>)r)) + $"|{version}|{audit}";
    }

    [GeneratedRegex("name=\"_handler\" value=\"([^\"]+)\"")]
    private static partial Regex Handler();

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
