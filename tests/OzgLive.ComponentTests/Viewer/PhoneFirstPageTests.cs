using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Questions;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

/// <summary>Issue 12: the viewer page, phone first, as the server renders it.</summary>
public sealed class PhoneFirstPageTests : BunitContext
{
    public PhoneFirstPageTests() => Services.AddLocalization();

    [Fact]
    public void The_question_on_stage_and_the_ask_box_come_before_the_video_and_the_folded_programme()
    {
        using var culture = new Culture(German);
        var view = Render<LiveEventView>(p => p.Add(x => x.Model, Model(
            Event("dQw4w9WgXcQ", status: "live"), Running(1, TimeSpan.FromMinutes(3)),
            questions: [Question(1, "Wie geht es weiter mit dem OZG?", status: QuestionStatus.OnStage, name: "Anna Schmidt"), Question(2, "Eine andere Frage")])));

        var order = view.FindAll("#on-stage, #ask, #question-list, #video, details#about, #blocks").Select(e => e.Id).ToList();
        Assert.Equal(["on-stage", "ask", "question-list", "video", "about", "blocks"], order);

        var stage = view.Find("#on-stage");
        Assert.False(stage.HasAttribute("hidden"));
        Assert.Equal("Jetzt auf der Bühne", stage.QuerySelector("h3")!.TextContent);
        Assert.Equal("Wie geht es weiter mit dem OZG?", stage.QuerySelector("[data-field='text']")!.TextContent);
        Assert.Equal("Anna Schmidt", stage.QuerySelector("[data-field='author']")!.TextContent);

        // Description and programme fold away.
        var about = view.Find("details#about");
        Assert.False(about.HasAttribute("open"));
        Assert.Equal("Über die Veranstaltung und Programm", about.QuerySelector("summary")!.TextContent);
        Assert.NotNull(about.QuerySelector("[data-field='description']"));

        // The button that keeps asking in reach on a phone works without a script, too.
        Assert.Equal(("Frage stellen", "#ask"), (view.Find("#ask-open").TextContent, view.Find("#ask-open").GetAttribute("href")));
    }

    [Fact]
    public void Without_a_question_on_stage_its_box_is_hidden()
    {
        using var culture = new Culture(German);
        var view = Render<LiveEventView>(p => p.Add(x => x.Model, Model(questions: [Question(2, "Eine Frage")])));

        Assert.True(view.Find("#on-stage").HasAttribute("hidden"));
    }

    [Fact]
    public void Asking_is_anonymous_until_a_name_is_chosen_and_the_name_is_remembered_only_when_ticked()
    {
        using var culture = new Culture(German);
        var form = Render<AskForm>(p => p.Add(x => x.Availability, AskAvailability.Open));

        var anonymous = form.Find("#ask-anonymous");
        Assert.True(anonymous.HasAttribute("checked"));
        Assert.Equal("Anonym fragen", form.Find("label[for='ask-anonymous']").TextContent);
        var remember = form.Find("#ask-remember");
        Assert.False(remember.HasAttribute("checked"));
        Assert.Equal("Name und Organisation für meine nächste Frage merken", form.Find("label[for='ask-remember']").TextContent);

        // Similar questions: an empty list and the template the script fills.
        Assert.True(form.Find("#ask-similar").HasAttribute("hidden"));
        var similar = ((AngleSharp.Html.Dom.IHtmlTemplateElement)form.Find("template#similar-template")).Content.FirstElementChild!.OuterHtml;
        Assert.Contains("Ähnliche Frage:", similar);
        Assert.Contains("unterstützen?", similar);
        Assert.Contains("data-action=\"support\"", similar);
    }

    [Fact]
    public void After_the_end_viewers_read_what_happens_next_and_the_replay_link_only_once_published()
    {
        using var culture = new Culture(German);
        var live = Render<LiveEventView>(p => p.Add(x => x.Model, Model(Event(status: "live"), Running(1, TimeSpan.FromMinutes(3)))));
        Assert.True(live.Find("#event-ended").HasAttribute("hidden"));

        var ended = Render<LiveEventView>(p => p.Add(x => x.Model, Model(Event(status: "ended"), Ended())));
        var notice = ended.Find("#event-ended");
        Assert.False(notice.HasAttribute("hidden"));
        Assert.Equal("Die Veranstaltung ist vorbei – so geht es weiter", notice.QuerySelector("h2")!.TextContent);
        Assert.Contains("beantwortet das Team schriftlich", notice.TextContent);
        Assert.Equal("Die Aufzeichnung folgt: Sobald sie veröffentlicht ist, erscheint der Link hier von selbst.", ended.Find("#replay-pending").TextContent);
        Assert.Empty(ended.FindAll("#replay-link"));

        var published = Render<LiveEventView>(p => p.Add(x => x.Model, Model(Event(status: "published"), Ended())).Add(x => x.ReplayHref, "/events/spot-on-ozg-he/replay"));
        Assert.Empty(published.FindAll("#replay-pending"));
        Assert.Equal("/events/spot-on-ozg-he/replay", published.Find("#replay-link a").GetAttribute("href"));
    }
}
