using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

public sealed class LiveEventViewTests : BunitContext
{
    public LiveEventViewTests() 
    {
        Services.AddLocalization();
    }

    [Fact]
    public void The_page_carries_what_the_script_needs_to_go_live_from_the_same_state()
    {
        using var culture = new Culture(German);
        var view = Render<LiveEventView>(p => p.Add(x => x.Model, Model(questions: [Question(1, "Eine Frage")])));

        var article = view.Find("article[data-viewer]");
        Assert.Equal("spot-on-ozg-he", article.GetAttribute("data-event-slug"));
        Assert.Equal("1", article.GetAttribute("data-event-id"));
        Assert.Equal("7", article.GetAttribute("data-seq"));
        Assert.Equal("stimmen", article.GetAttribute("data-sort"));
        Assert.Equal("Spot on OZG HE – Der Hessische Weg", view.Find("h1").TextContent);
        Assert.Equal("Dienstag, 31. März 2026, 10:00 Uhr · 90 Minuten · Moderation: Dr. Eva-Charlotte Proll",
            System.Text.RegularExpressions.Regex.Replace(view.Find(".meta").TextContent, @"\s+", " ").Trim());
        Assert.Equal("90", view.Find("[data-field='duration']").TextContent);
        Assert.Equal(["lib/signalr/signalr.min.js", "js/live-shared.js", "js/video-consent.js", "js/event-live.js"], view.FindAll("script[src]").Select(s => s.GetAttribute("src")));
        Assert.Equal("polite", view.Find("#viewer-announcer").GetAttribute("aria-live"));
        Assert.Single(view.FindAll("#question-list > li"));
        Assert.Empty(view.FindAll("a.embed-open, .embed-open"));

        // The script's words come from the same resource file, in the page's language.
        var texts = JsonDocument.Parse(view.Find("script#viewer-texts").TextContent).RootElement;
        Assert.Equal("application/json", view.Find("script#viewer-texts").GetAttribute("type"));
        Assert.Equal("de-DE", texts.GetProperty("lang").GetString());
        Assert.Equal("wartet auf Freigabe", texts.GetProperty("Status_Pending").GetString());
        Assert.Equal("Verbunden", texts.GetProperty("Connection_Connected").GetString());
        Assert.Equal("Sie haben in der letzten Minute viele Fragen gesendet. Bitte warten Sie eine Minute und senden Sie dann noch einmal.", texts.GetProperty("Error_RateLimited").GetString());
        // Long texts only the server writes stay out of the script's share.
        Assert.False(texts.TryGetProperty("Video_Explanation", out _));
    }

    [Fact]
    public void The_script_texts_cannot_close_their_script_element()
    {
        var json = ViewerScriptTexts.Json(new Dictionary<string, string> { ["x"] = "</script><script>alert(1)</script> & „gut“" }).Value;

        Assert.DoesNotContain("<", json);
        Assert.DoesNotContain(">", json);
        Assert.Equal("</script><script>alert(1)</script> & „gut“", JsonDocument.Parse(json).RootElement.GetProperty("x").GetString());
    }

    [Fact]
    public void A_running_block_with_its_own_video_chooses_that_video_and_an_ended_event_closes_the_form()
    {
        using var culture = new Culture(German);
        var live = Render<LiveEventView>(p => p.Add(x => x.Model, Model(Event("dQw4w9WgXcQ", "ScMzIvxBSi4", "live"), Running(2, TimeSpan.FromMinutes(3)))));
        Assert.Equal("ScMzIvxBSi4", live.Find("#video").GetAttribute("data-video-id"));
        Assert.Equal("open", live.Find("#ask-form").GetAttribute("data-availability"));

        var between = Render<LiveEventView>(p => p.Add(x => x.Model, Model(Event("dQw4w9WgXcQ", "ScMzIvxBSi4", "live"), Running(1, TimeSpan.FromMinutes(3)))));
        Assert.Equal("dQw4w9WgXcQ", between.Find("#video").GetAttribute("data-video-id"));

        var ended = Render<LiveEventView>(p => p.Add(x => x.Model, Model(Event(status: "ended"), Ended())));
        Assert.Equal("Die Veranstaltung ist beendet: Es werden keine Fragen mehr angenommen.", ended.Find("#ask-state").TextContent);
        Assert.Equal("Die Veranstaltung ist beendet.", ended.Find("#clock-status").TextContent);
        Assert.True(ended.Find("#video").HasAttribute("hidden"));
    }

    [Fact]
    public void Embedded_it_links_to_the_full_page_in_a_new_window_instead_of_the_description()
    {
        using var culture = new Culture(German);
        var view = Render<LiveEventView>(p => p.Add(x => x.Model, Model()).Add(x => x.Embedded, true));

        Assert.Equal("event viewer viewer-embedded", view.Find("article").ClassName);
        var link = view.Find(".embed-open a");
        Assert.Equal("Auf OzgLive öffnen (neues Fenster)", link.TextContent);
        Assert.Equal("events/spot-on-ozg-he", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Empty(view.FindAll(".lead"));
    }

    [Fact]
    public void A_moderators_snapshot_shows_only_what_the_public_sees()
    {
        using var culture = new Culture(German);
        ModeratorQuestion Queued(long id, string text, QuestionStatus status) => new(
            id, null, text, text, null, null, QuestionSource.Live, status, null, null, false, null, null, null, 0, 1, 1, Now, null, null, null);
        var snapshot = Snapshot() with
        {
            Role = EventRole.Organiser,
            PublicQuestions = null,
            Queue = [Queued(1, "Wartet noch", QuestionStatus.Pending), Queued(2, "Freigegeben", QuestionStatus.Approved), Queued(3, "Abgelehnt", QuestionStatus.Rejected)],
        };
        var view = Render<LiveEventView>(p => p.Add(x => x.Model, new ViewerModel(snapshot)));

        Assert.Equal(["Freigegeben"], view.FindAll("#question-list .question-text").Select(e => e.TextContent));
    }

    [Fact]
    public void In_English_the_page_and_the_script_texts_are_English()
    {
        using var culture = new Culture(English);
        var view = Render<LiveEventView>(p => p.Add(x => x.Model, Model()));

        Assert.Equal("Questions and answers", view.Find("#qa-heading").TextContent);
        Assert.Equal("Tuesday 31 March 2026, 10:00 · 90 minutes · Host: Dr. Eva-Charlotte Proll",
            System.Text.RegularExpressions.Regex.Replace(view.Find(".meta").TextContent, @"\s+", " ").Trim());
        var texts = JsonDocument.Parse(view.Find("script#viewer-texts").TextContent).RootElement;
        Assert.Equal("en-GB", texts.GetProperty("lang").GetString());
        Assert.Equal("waiting for approval", texts.GetProperty("Status_Pending").GetString());
        Assert.Equal("", texts.GetProperty("Agenda_TimeSuffix").GetString());
    }
}
