using System.Globalization;
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
/// The speakers' follow-up link: an organiser makes it on the review page; whoever holds it answers
/// the event's open questions without an account, as one of the event's speakers; a wrong, renewed
/// or revoked key is a plain 404.
/// </summary>
public sealed partial class FollowUpSpeakerLinkTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private const string OpenQuestion = "Wie finanzieren wir die OZG-Folgekosten?";

    private sealed record Ended(TestEvent Event, long RowId, long QuestionId)
    {
        public string ReviewPath => $"/organisation/veranstaltungen/{Event.Id}/transkript";

        public string PagePath => $"/events/{Event.Slug}/nachbereitung";
    }

    [Fact]
    public async Task An_organiser_creates_the_link_and_a_speaker_without_account_publishes_an_answer_under_their_name()
    {
        var ev = await EndedEventAsync();
        using var organiser = fixture.App.CreateClient(await fixture.App.SignInAsync());

        var review = await organiser.GetStringAsync(ev.ReviewPath);
        Assert.Contains("Link für Referierende", review);
        Assert.Contains("id=\"speaker-no-link\"", review);

        var key = await CreateLinkAsync(organiser, ev);
        Assert.Matches("^[A-Za-z0-9_-]{32}$", key);
        var shown = WebUtility.HtmlDecode(await organiser.GetStringAsync(ev.ReviewPath));
        Assert.Contains($"value=\"{fixture.App.BaseAddress.ToString().TrimEnd('/')}{ev.PagePath}?key={key}\"", shown);

        using var speaker = fixture.App.CreateClient();
        var response = await speaker.GetAsync($"{ev.PagePath}?key={key}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OpenQuestion, html);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.True(response.Headers.CacheControl.Private);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", html);
        // Only the event's speakers to choose from: no moderator, no "someone else", no free text.
        Assert.Equal(["Referentin 1", "Referentin 2", "Referentin 3"], Options(html, ev.RowId));
        Assert.DoesNotContain("Input.AnswerByOther", html);
        Assert.DoesNotContain(FollowUpForm.Other, html);
        Assert.DoesNotContain("href=\"/moderation\"", html);
        // Every form posts back with the key.
        var actions = FormActions().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.StartsWith($"{ev.PagePath}?key={key}#frage-", a));

        var publish = await PostAsync(speaker, ev, key, "publish", "Über das Programm „Digitale Kommune“.", "Referentin 2", page: html);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Equal($"{ev.PagePath}?key={key}&hinweis=veroeffentlicht#frage-{ev.RowId}", publish.Headers.Location!.PathAndQuery + publish.Headers.Location.Fragment);
        Assert.Contains("Antwort veröffentlicht.", WebUtility.HtmlDecode(await speaker.GetStringAsync(publish.Headers.Location.PathAndQuery)));

        var row = (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Event.Id))!.Visible.Single(q => q.Id == ev.RowId);
        Assert.Equal((TranscriptOutcome.AnsweredInWriting, "Über das Programm „Digitale Kommune“.", "Referentin 2"), (row.Outcome, row.PublishedAnswer, row.AnswerBy));
        var audit = (await fixture.AuditAsync(ev.Event.Id)).Where(a => a.Action is "followup-publish" or "speaker-key-renew").ToList();
        Assert.Equal(["speaker-key-renew", "followup-publish"], audit.Select(a => a.Action));
        Assert.StartsWith("account:", audit[0].Actor);
        Assert.Equal((SpeakerKeys.Actor, ev.QuestionId), (audit[1].Actor, audit[1].QuestionId));
        Assert.DoesNotContain(key, await AuditTextAsync(ev));

        // And the organiser's preview of the replay shows it.
        var preview = WebUtility.HtmlDecode(await organiser.GetStringAsync($"/events/{ev.Event.Slug}/replay"));
        Assert.Contains("Über das Programm „Digitale Kommune“.", preview);
        Assert.Contains("Referentin 2", preview);
    }

    [Fact]
    public async Task A_wrong_renewed_or_revoked_key_is_not_found_and_a_new_key_works()
    {
        var ev = await EndedEventAsync();
        using var organiser = fixture.App.CreateClient(await fixture.App.SignInAsync());
        using var anonymous = fixture.App.CreateClient();

        // No link made yet: any key is simply not found.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{ev.PagePath}?key=abcdefghijklmnopqrstuvwxyz012345")).StatusCode);

        var first = await CreateLinkAsync(organiser, ev);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{ev.PagePath}?key={first}")).StatusCode);
        var wrong = await anonymous.GetAsync($"{ev.PagePath}?key={first[..^1]}{(first[^1] == 'A' ? 'B' : 'A')}");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.DoesNotContain(OpenQuestion, await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{ev.PagePath}?key={new string('x', 5000)}")).StatusCode);
        // The key of one event opens no other event.
        var other = await EndedEventAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{other.PagePath}?key={first}")).StatusCode);

        var page = await anonymous.GetStringAsync($"{ev.PagePath}?key={first}");
        var second = await CreateLinkAsync(organiser, ev);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{ev.PagePath}?key={first}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{ev.PagePath}?key={second}")).StatusCode);

        // A form loaded with the old key, sent after the renewal, changes nothing.
        var before = await StateAsync(ev);
        var late = await PostAsync(anonymous, ev, first, "publish", "Eine späte Antwort.", "Referentin 1", page: page);
        // (The form is not on the page any more, so the framework refuses it as an unknown form.)
        Assert.False(late.IsSuccessStatusCode || late.StatusCode == HttpStatusCode.Redirect, $"{late.StatusCode}");
        Assert.DoesNotContain(OpenQuestion, await late.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateAsync(ev));

        var revoke = await TestAppPostAsync(organiser, ev, "revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("Link für Referierende widerrufen.", WebUtility.HtmlDecode(await organiser.GetStringAsync(revoke.Headers.Location!.PathAndQuery)));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{ev.PagePath}?key={second}")).StatusCode);
        Assert.Null(await fixture.App.Get<SpeakerKeys>().CurrentAsync(ev.Event.Id));
        Assert.Equal(
            ["speaker-key-renew", "speaker-key-renew", "speaker-key-revoke"],
            (await fixture.AuditAsync(ev.Event.Id)).Where(a => a.Action.StartsWith("speaker-key-", StringComparison.Ordinal)).Select(a => a.Action));

        // Revoking twice is refused with a message, and changes nothing.
        var state = await StateAsync(ev);
        var again = await TestAppPostAsync(organiser, ev, "revoke");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Es gibt keinen gültigen Link, der widerrufen werden könnte.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal(state, await StateAsync(ev));
    }

    [Fact]
    public async Task Key_holders_cannot_name_anyone_but_the_events_speakers_and_bad_input_changes_nothing()
    {
        var ev = await EndedEventAsync();
        using var organiser = fixture.App.CreateClient(await fixture.App.SignInAsync());
        var key = await CreateLinkAsync(organiser, ev);
        using var speaker = fixture.App.CreateClient();
        var before = await StateAsync(ev);

        foreach (var (text, by, other, expected) in new[]
        {
            ("Eine gute Antwort.", FollowUpForm.Other, "Jemand Beliebiges", "Bitte wählen Sie unter „Antwort von“ Ihren Namen aus der Liste der Referierenden."),
            ("Eine gute Antwort.", "Erika Moderation", "", "Bitte wählen Sie unter „Antwort von“ Ihren Namen aus der Liste der Referierenden."),
            ("Eine gute Antwort.", "", "", "Bitte wählen Sie unter „Antwort von“ Ihren Namen aus der Liste der Referierenden."),
            ("", "Referentin 1", "", "Die Antwort muss 3 bis 4000 Zeichen lang sein (jetzt 0)."),
        })
        {
            var response = await PostAsync(speaker, ev, key, "publish", text, by, other);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        // Without the key in the address, the same form goes to the login and not into the store.
        var page = await speaker.GetStringAsync($"{ev.PagePath}?key={key}");
        var noKey = await PostFromPageAsync(speaker, page, ev.PagePath, Fields(page, ev.RowId, "publish", "Eine gute Antwort.", "Referentin 1", ""));
        Assert.NotEqual(HttpStatusCode.OK, noKey.StatusCode);
        Assert.False(noKey.StatusCode == HttpStatusCode.Redirect && noKey.Headers.Location!.AbsolutePath == ev.PagePath);

        Assert.Equal(before, await StateAsync(ev));
    }

    [Fact]
    public async Task Without_a_key_the_page_stays_for_signed_in_staff_only()
    {
        var ev = await EndedEventAsync();
        using var organiser = fixture.App.CreateClient(await fixture.App.SignInAsync());
        await CreateLinkAsync(organiser, ev);

        using var anonymous = fixture.App.CreateClient();
        var response = await anonymous.GetAsync(ev.PagePath);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);

        // Staff still see the moderator and free text choices, and no key in the forms.
        using var moderator = fixture.App.CreateClient(await fixture.ModeratorCookiesAsync(ev.Event.Id));
        var html = WebUtility.HtmlDecode(await moderator.GetStringAsync(ev.PagePath));
        Assert.Equal(["Referentin 1", "Erika Moderation", FollowUpForm.Other], Options(html, ev.RowId, values: true));
        Assert.Contains("Input.AnswerByOther", html);
        Assert.All(FormActions().Matches(html).Select(m => m.Groups[1].Value), a => Assert.DoesNotContain("key=", a));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private async Task<Ended> EndedEventAsync()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var asked = await viewer.AskAsync(ev.Id, OpenQuestion, blockNumber: 1);
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        fixture.App.Time.Advance(TimeSpan.FromMinutes(10));
        await moderator.ClockAsync("EndEvent", ev.Id);
        var row = (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!.Questions.Single();
        return new Ended(ev, row.Id, asked.Id());
    }

    /// <summary>Presses "Link erzeugen" / "Neuen Link erzeugen" on the review page; returns the key it shows afterwards.</summary>
    private async Task<string> CreateLinkAsync(HttpClient organiser, Ended ev)
    {
        var response = await TestAppPostAsync(organiser, ev, "renew");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{ev.ReviewPath}?geprueft=speaker-link-renewed#speaker-link", response.Headers.Location!.PathAndQuery + response.Headers.Location.Fragment);
        var page = WebUtility.HtmlDecode(await organiser.GetStringAsync(response.Headers.Location.PathAndQuery));
        Assert.Contains("Neuer Link für Referierende erzeugt.", page);
        var key = LinkKey().Match(page).Groups[1].Value;
        Assert.Equal(await fixture.App.Get<SpeakerKeys>().CurrentAsync(ev.Event.Id), key);
        return key;
    }

    private static Task<HttpResponseMessage> TestAppPostAsync(HttpClient organiser, Ended ev, string command) =>
        Infrastructure.TestApp.PostFormAsync(organiser, ev.ReviewPath, new()
        {
            ["_handler"] = "speaker-link",
            ["SpeakerInput.Command"] = command,
        });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Ended ev, string key, string action, string text, string by, string other = "", string? page = null)
    {
        page ??= await http.GetStringAsync($"{ev.PagePath}?key={key}");
        return await PostFromPageAsync(http, page, $"{ev.PagePath}?key={key}", Fields(page, ev.RowId, action, text, by, other));
    }

    /// <summary>Posts with the antiforgery token of a page loaded earlier (which may no longer load now).</summary>
    private static async Task<HttpResponseMessage> PostFromPageAsync(HttpClient http, string page, string path, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value };
        return await http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static Dictionary<string, string> Fields(string page, long rowId, string action, string text, string by, string other)
    {
        var article = page[page.IndexOf($"id=\"frage-{rowId}\"", StringComparison.Ordinal)..];
        return new()
        {
            ["_handler"] = WebUtility.HtmlDecode(Handler().Match(article).Groups[1].Value),
            ["Input.Version"] = VersionField().Match(article).Groups[1].Value,
            ["Input.Action"] = action,
            ["Input.Text"] = text,
            ["Input.AnswerBy"] = by,
            ["Input.AnswerByOther"] = other,
        };
    }

    /// <summary>The "Antwort von" choices of one question's form (their labels, or their values).</summary>
    private static List<string> Options(string html, long rowId, bool values = false)
    {
        var article = html[html.IndexOf($"id=\"frage-{rowId}\"", StringComparison.Ordinal)..];
        var select = article[article.IndexOf("<select", StringComparison.Ordinal)..article.IndexOf("</select>", StringComparison.Ordinal)];
        return Option().Matches(select).Select(m => values ? m.Groups[1].Value : m.Groups[2].Value).ToList();
    }

    private async Task<string> AuditTextAsync(Ended ev)
    {
        await using var connection = fixture.App.Get<Database>().Open();
        var rows = await connection.QueryAsync("SELECT * FROM audit_log WHERE event_id = @Id", new { ev.Event.Id });
        return string.Join("\n", rows.Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
    }

    /// <summary>The transcript rows, the transcript's version, the event's key and the audit log as one text.</summary>
    private async Task<string> StateAsync(Ended ev)
    {
        await using var connection = fixture.App.Get<Database>().Open();
        var rows = await connection.QueryAsync("SELECT * FROM transcript_questions WHERE event_id = @Id ORDER BY id", new { ev.Event.Id });
        var version = await connection.ExecuteScalarAsync<long>("SELECT version FROM transcripts WHERE event_id = @Id", new { ev.Event.Id });
        var key = await connection.ExecuteScalarAsync<string?>("SELECT speaker_key FROM events WHERE id = @Id", new { ev.Event.Id });
        return System.Text.Json.JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object>)r)) + $"|{version}|{key}|{await AuditTextAsync(ev)}";
    }

    [GeneratedRegex("name=\"_handler\" value=\"([^\"]+)\"")]
    private static partial Regex Handler();

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormActions();

    [GeneratedRegex("id=\"speaker-link-url\"[^>]*value=\"[^\"]*\\?key=([A-Za-z0-9_-]+)\"")]
    private static partial Regex LinkKey();

    [GeneratedRegex("<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>")]
    private static partial Regex Option();
}
