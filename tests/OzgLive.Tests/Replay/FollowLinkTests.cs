using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.FollowUp;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>
/// The asker's private link: the key comes back to the author alone, and /fragen/{key} shows that
/// one question's status to whoever holds the key, and to nobody else.
/// </summary>
public sealed class FollowLinkTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task The_key_reaches_the_author_only_and_a_retry_returns_the_same_key()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var presenter = await fixture.PresenterAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var other = await fixture.ViewerAsync(ev, "other viewer");
        await using var organiser = await fixture.OrganiserAsync(ev);

        var clientId = QuestionCalls.NewClientId();
        var asked = await author.AskAsync(ev.Id, "Wo beantrage ich den Beratungsgutschein?", clientId: clientId);
        var key = asked.GetProperty("followKey").GetString()!;
        Assert.Equal(FollowKeys.Length, key.Length);
        Assert.True(FollowKeys.LooksValid(key));

        var again = await author.AskAsync(ev.Id, "Wo beantrage ich den Beratungsgutschein?", clientId: clientId);
        Assert.Equal((asked.Id(), key), (again.Id(), again.GetProperty("followKey").GetString()));

        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        var mine = await author.Client.WaitForAsync("MyQuestionsChanged", m => m.GetProperty("questions")[0].GetProperty("status").GetString() == "approved");
        Assert.Equal(key, mine.GetProperty("questions")[0].GetProperty("followKey").GetString());
        await other.Client.WaitForAsync("QuestionsChanged");
        await presenter.Client.WaitForAsync("QuestionsChanged");
        await moderator.Client.WaitForAsync("QueueChanged", m => m.GetProperty("questions")[0].GetProperty("status").GetString() == "approved");

        // A new visit with the same token: the snapshot's own questions carry it too.
        await using var back = await fixture.ViewerAsync(ev, "author again", author.Token);
        Assert.Equal(key, back.Joined.GetProperty("myQuestions")[0].GetProperty("followKey").GetString());

        // Nobody else ever saw it: not in their snapshots, messages or the audit log.
        foreach (var someone in new[] { other, presenter, moderator, organiser })
        {
            Assert.DoesNotContain(key, someone.Joined.GetRawText());
            Assert.NotEmpty(someone.Received);
            Assert.All(someone.Received, m => Assert.DoesNotContain(key, m.Argument.GetRawText()));
        }

        var audit = await moderator.InvokeAsync("GetAuditLog", ev.Id);
        Assert.NotEqual(0, audit.GetArrayLength());
        Assert.DoesNotContain(key, audit.GetRawText());
        Assert.DoesNotContain(key, (await moderator.InvokeAsync("GetSnapshot", ev.Id)).GetRawText());
    }

    [Fact]
    public async Task Questions_added_by_moderators_get_no_key()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = "Per E-Mail: Gibt es Förderprogramme?", displayName = (string?)null, organisation = (string?)null, source = "email", blockNumber = (int?)null });

        Assert.Null((await fixture.StoredAsync(added.Id())).FollowKey);
    }

    [Fact]
    public async Task Only_the_key_shows_a_pending_question_and_any_other_key_is_the_ordinary_404()
    {
        var ev = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev);
        const string text = "Wie digitalisieren wir trotz Personalmangel unsere Bauanträge?";
        var key = (await author.AskAsync(ev.Id, text)).GetProperty("followKey").GetString()!;
        using var http = fixture.App.CreateClient();

        var page = await http.GetAsync($"/fragen/{key}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(text, html);
        Assert.Contains("Wartet auf Freigabe", html);
        Assert.Contains("Spot on OZG Fragerunde", html);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
        Assert.True(page.Headers.CacheControl!.Private);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", html);

        var unknownUrl = await http.GetAsync("/gibt-es-hier-nicht");
        var unknownHtml = await unknownUrl.Content.ReadAsStringAsync();
        var nearMiss = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        foreach (var wrong in new[] { nearMiss, FollowKeys.New(), "x", key + "A", key.ToLowerInvariant() == key ? key.ToUpperInvariant() : key.ToLowerInvariant() })
        {
            var response = await http.GetAsync($"/fragen/{Uri.EscapeDataString(wrong)}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(text, body);
            Assert.DoesNotContain("Wartet auf Freigabe", body);
            Assert.Equal(Heading(unknownHtml), Heading(body));
        }
    }

    [Fact]
    public async Task The_page_follows_the_question_through_approval_stage_answer_rejection_and_withdrawal()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var asked = await author.AskAsync(ev.Id, "Welche Förderprogramme gibt es für Kommunen?");
        var key = asked.GetProperty("followKey").GetString()!;

        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        Assert.Contains("Freigegeben – wartet auf die Beantwortung", await PageAsync(key));
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, asked.Id());
        Assert.Contains("Wird gerade auf der Bühne beantwortet", await PageAsync(key));
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, asked.Id(), "Das Förderportal des Landes listet alle Programme.");
        var answered = await PageAsync(key);
        Assert.Contains("Live beantwortet", answered);
        Assert.Contains("Das Förderportal des Landes listet alle Programme.", answered);

        var rejected = await author.AskAsync(ev.Id, "Meine Telefonnummer ist 0611 123456, bitte zurückrufen.");
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejected.Id(), "personalData");
        var rejectedPage = await PageAsync(rejected.GetProperty("followKey").GetString()!);
        Assert.Contains("Nicht veröffentlicht", rejectedPage);
        Assert.Contains("Grund: sie enthielt personenbezogene Daten.", rejectedPage);

        var withdrawn = await author.AskAsync(ev.Id, "Doch nicht so wichtig, ziehe ich zurück.");
        await author.InvokeAsync("WithdrawQuestion", ev.Id, withdrawn.Id());
        Assert.Contains("Von Ihnen zurückgezogen", await PageAsync(withdrawn.GetProperty("followKey").GetString()!));
    }

    [Fact]
    public async Task A_merged_question_shows_the_surviving_questions_status_and_answer()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var first = await fixture.ViewerAsync(ev, "first");
        await using var second = await fixture.ViewerAsync(ev, "second");
        await moderator.ClockAsync("StartEvent", ev.Id);
        var survivor = await fixture.ApprovedAsync(ev, first, moderator, "Wo beantrage ich den Digitalisierungsgutschein?");
        var duplicate = await second.AskAsync(ev.Id, "Wo bekomme ich den Gutschein für Digitalberatung?");
        var key = duplicate.GetProperty("followKey").GetString()!;
        var keep = await fixture.StoredAsync(survivor.Id());
        var drop = await fixture.StoredAsync(duplicate.Id());
        await moderator.InvokeAsync("MergeQuestions", ev.Id, keep.Id, keep.Version, drop.Id, drop.Version);
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, survivor.Id());
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, survivor.Id(), "Beim Landesportal, Stichwort Digitalberatung.");

        var page = await PageAsync(key);
        Assert.Contains("Wo bekomme ich den Gutschein für Digitalberatung?", page);
        Assert.Contains("zusammengeführt", page);
        Assert.Contains("Wo beantrage ich den Digitalisierungsgutschein?", page);
        Assert.Contains("Live beantwortet", page);
        Assert.Contains("Beim Landesportal, Stichwort Digitalberatung.", page);
    }

    [Fact]
    public async Task After_the_end_an_open_question_is_promised_a_written_answer_and_then_shows_it()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var asked = await author.AskAsync(ev.Id, "Wie finanzieren wir die OZG-Folgekosten?", blockNumber: 1);
        var key = asked.GetProperty("followKey").GetString()!;
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        var pending = await author.AskAsync(ev.Id, "Diese Frage sieht niemand mehr an.");
        fixture.App.Time.Advance(TimeSpan.FromMinutes(20));
        await moderator.ClockAsync("EndEvent", ev.Id);

        var open = await PageAsync(key);
        Assert.Contains("Noch offen", open);
        Assert.Contains("wir beantworten sie schriftlich", open);
        Assert.Contains("Die Veranstaltung endete, bevor die Moderation Ihre Frage freigeben konnte.", await PageAsync(pending.GetProperty("followKey").GetString()!));

        var row = (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!.Questions.Single(q => q.QuestionId == asked.Id());
        var answers = fixture.App.Get<FollowUpAnswers>();
        var draft = await answers.WriteAsync("account:1", ev.Id, row.Id, row.Version, FollowUpAction.SaveDraft, "Entwurf: noch nicht öffentlich.", "Referentin 1");
        Assert.Contains("Noch offen", await PageAsync(key));
        Assert.DoesNotContain("Entwurf: noch nicht öffentlich.", await PageAsync(key));

        await answers.WriteAsync("account:1", ev.Id, row.Id, draft.Version, FollowUpAction.Publish, "Über das Förderprogramm „Digitale Kommune“.\n\nDetails folgen im Rundschreiben.", "Referentin 1");
        var written = await PageAsync(key);
        Assert.Contains("Schriftlich beantwortet", written);
        Assert.Contains("Über das Förderprogramm „Digitale Kommune“.", written);
        Assert.Contains("Details folgen im Rundschreiben.", written);
        Assert.Contains("Antwort von Referentin 1", written);
    }

    [Fact]
    public async Task A_question_answered_live_links_to_its_moment_in_the_recording_once_published()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var asked = await author.AskAsync(ev.Id, "Wann kommt die neue Umsetzungsvereinbarung?");
        var key = asked.GetProperty("followKey").GetString()!;
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        fixture.App.Time.Advance(TimeSpan.FromSeconds(312));
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, asked.Id());
        fixture.App.Time.Advance(TimeSpan.FromSeconds(90));
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, asked.Id(), [null]);
        await moderator.ClockAsync("EndEvent", ev.Id);

        var ended = await PageAsync(key);
        Assert.Contains("Live beantwortet", ended);
        Assert.DoesNotContain("/replay?t=", ended);

        await using (var connection = fixture.App.Get<Database>().Open())
        {
            await connection.ExecuteAsync("UPDATE events SET status = 'published', replay_offset_seconds = 45 WHERE id = @Id", new { ev.Id });
        }

        var published = await PageAsync(key);
        Assert.Contains($"href=\"/events/{ev.Slug}/replay?t=357#aufzeichnung\"", published);
        Assert.Contains("(ab 05:57)", published);
    }

    private async Task<string> PageAsync(string key)
    {
        using var http = fixture.App.CreateClient();
        var response = await http.GetAsync($"/fragen/{key}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Heading(string html)
    {
        var start = html.IndexOf("<h1", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</h1>", start, StringComparison.Ordinal)];
    }
}
