using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Viewer;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.FollowUp;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Replay;

public sealed class FollowUpComponentTests : BunitContext
{
    private static readonly LiveEvent Event = new(
        1, 1, "Spot on OZG", "spot-on-ozg-he", "Spot on OZG HE", "Beschreibung",
        new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), EventStatus.Published, null, "dQw4w9WgXcQ",
        "Dr. Eva-Charlotte Proll", false, 1, []);

    public FollowUpComponentTests() => Services.AddLocalization();

    [Fact]
    public void The_ask_form_has_a_hidden_private_link_box_that_the_script_fills()
    {
        using var culture = new Culture(German);
        var form = Render<AskForm>(p => p.Add(x => x.Availability, AskAvailability.Open));

        var box = form.Find("#ask-link");
        Assert.True(box.HasAttribute("hidden"));
        Assert.StartsWith("Ihr privater Link zu dieser Frage:", form.Find("#ask-link-intro").TextContent);
        Assert.Equal("Bewahren Sie ihn auf: Dort sehen Sie später den Stand und die Antwort – ohne Konto.", form.Find("#ask-link-keep").TextContent);
        Assert.Equal("Link kopieren", form.Find("#ask-link-copy").TextContent);
        Assert.Equal("status", form.Find("#ask-link-copied").GetAttribute("role"));
        // Outside the form's disabled fieldset: the copy button works whatever the form's state.
        Assert.Null(form.Find("#ask-link-copy").Closest("fieldset"));
    }

    [Fact]
    public void In_English_the_private_link_box_is_English()
    {
        using var culture = new Culture(English);
        var form = Render<AskForm>(p => p.Add(x => x.Availability, AskAvailability.Open));

        Assert.StartsWith("Your private link to this question:", form.Find("#ask-link-intro").TextContent);
        Assert.Equal("Copy link", form.Find("#ask-link-copy").TextContent);
    }

    [Theory]
    [InlineData("de-DE", "Privater Link zu dieser Frage")]
    [InlineData("en-GB", "Private link to this question")]
    public void Each_of_my_questions_has_a_link_row_the_script_shows_when_there_is_a_key(string cultureName, string text)
    {
        using var culture = new Culture(System.Globalization.CultureInfo.GetCultureInfo(cultureName));
        var mine = Render<MyQuestions>();

        var template = ((IHtmlTemplateElement)mine.Find("template#my-question-template")).Content;
        var row = template.QuerySelector("[data-field='link-row']")!;
        Assert.True(row.HasAttribute("hidden"));
        Assert.Equal(text, row.QuerySelector("a[data-field='link']")!.TextContent);
    }

    [Fact]
    public void A_pending_question_says_it_waits_for_approval()
    {
        using var culture = new Culture(German);
        var view = Render<FollowView>(p => p.Add(x => x.Model, Model(FollowStatus.Pending) with { Event = Event with { Status = EventStatus.Live } }));

        Assert.Equal("Ihre Frage", view.Find("h1").TextContent);
        Assert.Equal("Wo beantrage ich den Beratungsgutschein?", view.Find("#follow-text").TextContent);
        Assert.Equal("Wartet auf Freigabe", view.Find("#follow-status").TextContent);
        Assert.Equal("Die Moderation sieht sich Ihre Frage bald an.", view.Find("#follow-status-detail").TextContent);
        Assert.Equal("Spot on OZG HE", view.Find(".follow-event a").TextContent);
        Assert.Empty(view.FindAll("#follow-answer"));
    }

    [Fact]
    public void A_written_answer_shows_its_text_author_and_date_in_English()
    {
        using var culture = new Culture(English);
        var model = Model(FollowStatus.AnsweredInWriting) with
        {
            AnswerText = "Through the state portal.\n\nMore in the circular.",
            AnswerBy = "Martin Woitschell",
            AnswerAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        };
        var view = Render<FollowView>(p => p.Add(x => x.Model, model));

        Assert.Equal("Answered in writing", view.Find("#follow-status").TextContent);
        Assert.Equal(["Through the state portal.", "More in the circular."], view.FindAll("#follow-answer p").Select(p => p.TextContent));
        Assert.Equal("Answer by Martin Woitschell", view.Find("#follow-answer-by").TextContent);
    }

    [Fact]
    public void An_answer_given_live_links_to_its_moment_in_the_recording()
    {
        using var culture = new Culture(German);
        var view = Render<FollowView>(p => p.Add(x => x.Model, Model(FollowStatus.AnsweredLive) with { JumpSeconds = 357 }));

        var link = view.Find("#follow-replay");
        Assert.Equal("/events/spot-on-ozg-he/replay?t=357#aufzeichnung", link.GetAttribute("href"));
        Assert.Equal("Antwort in der Aufzeichnung ansehen (ab 05:57)", link.TextContent);
    }

    [Fact]
    public void A_rejected_question_names_the_reason()
    {
        using var culture = new Culture(German);
        var view = Render<FollowView>(p => p.Add(x => x.Model, Model(FollowStatus.Rejected) with { RejectReason = RejectReason.Duplicate }));

        Assert.Equal("Nicht veröffentlicht", view.Find("#follow-status").TextContent);
        Assert.Equal("Grund: diese Frage wurde schon gestellt.", view.Find("#follow-status-detail").TextContent);
    }

    private static FollowModel Model(FollowStatus status) => new(
        Event, "Wo beantrage ich den Beratungsgutschein?", new DateTimeOffset(2026, 11, 22, 9, 41, 0, TimeSpan.Zero),
        status, null, null, null, null, null, null);
}
