using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.Review;

namespace OzgLive.ComponentTests.Replay;

/// <summary>The review page's parts: a question with its flags marked (not by colour alone), its actions, and the moderation counts, in German and English.</summary>
public sealed class ReviewComponentTests : PageTestContext
{
    private static TranscriptQuestion Question(
        string text = "Erreichbar unter 0611 123456: wo beantrage ich den Gutschein?",
        string? name = "Jana Beispiel",
        string? organisation = "jana@example.org",
        bool hidden = false,
        bool nameRemoved = false) =>
        new(7, 70, 1, text, name, organisation, 3, 10, 20, 30, null, null, null, false, hidden, nameRemoved, false, 4);

    private static Transcript Transcript(params TranscriptQuestion[] questions) => new(
        1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1.5),
        new ModerationCounts(12, 1, 2, new Dictionary<RejectReason, int>
        {
            [RejectReason.OffTopic] = 0, [RejectReason.Duplicate] = 3, [RejectReason.PersonalData] = 1, [RejectReason.Abusive] = 0, [RejectReason.Other] = 0,
        }),
        [], questions, 5);

    [Fact]
    public void A_flagged_question_marks_each_finding_and_says_what_it_is()
    {
        var cut = Render<ReviewQuestion>(p => p.Add(x => x.Question, Question()).Add(x => x.Number, 2).Add(x => x.Index, 0));

        var mark = cut.Find(".question-text mark.pd-flag");
        Assert.Equal("0611 123456 (Hinweis: Telefonnummer)", mark.TextContent);
        Assert.Equal("(Hinweis: Telefonnummer)", mark.QuerySelector(".visually-hidden")!.TextContent.Trim());
        Assert.Equal("jana@example.org", cut.Find(".organisation mark.pd-flag").FirstChild!.TextContent);
        Assert.Equal(
            ["Telefonnummer im Text: „0611 123456“", "E-Mail-Adresse in der Organisation: „jana@example.org“"],
            cut.FindAll(".flags li").Select(li => li.TextContent));
        Assert.Contains("is-flagged", cut.Find("article").ClassName);
    }

    [Fact]
    public void Each_action_names_its_row_and_version_and_its_question_for_screen_readers()
    {
        var cut = Render<ReviewQuestion>(p => p.Add(x => x.Question, Question()).Add(x => x.Number, 2).Add(x => x.Index, 5));

        Assert.Equal(
            ["hide:7:4", "remove-name:7:4", "edit:7:4"],
            cut.FindAll("button").Select(b => b.GetAttribute("value")));
        Assert.Equal("Ausblenden – Frage 2", cut.FindAll("button")[0].TextContent);
        Assert.Equal("ReviewInput.Items[5].Text", cut.Find("textarea").GetAttribute("name"));
        Assert.Equal("q-7-text", cut.Find("label[for=q-7-text]").GetAttribute("for"));
    }

    [Fact]
    public void A_hidden_question_without_a_name_offers_showing_it_again_and_no_name_removal()
    {
        var cut = Render<ReviewQuestion>(p => p
            .Add(x => x.Question, Question(text: "Wo finde ich die Folien?", name: null, organisation: null, hidden: true, nameRemoved: true))
            .Add(x => x.Number, 1).Add(x => x.Index, 0));

        Assert.Equal("Ausgeblendet: erscheint nicht auf der Aufzeichnungsseite.", cut.Find(".hidden-note").TextContent);
        Assert.Equal("Name entfernt", cut.Find(".no-name").TextContent);
        Assert.Equal(["show:7:4", "edit:7:4"], cut.FindAll("button").Select(b => b.GetAttribute("value")));
        Assert.Empty(cut.FindAll("mark"));
    }

    [Fact]
    public void A_refused_edit_shows_its_message_and_keeps_what_was_typed()
    {
        var cut = Render<ReviewQuestion>(p => p.Add(x => x.Question, Question()).Add(x => x.Number, 1).Add(x => x.Index, 0)
            .Add(x => x.Error, "Der Text ist unverändert.").Add(x => x.TypedText, "Mein neuer Text"));

        Assert.Equal("Der Text ist unverändert.", cut.Find("#q-7-error[role=alert]").TextContent);
        Assert.Equal("Mein neuer Text", cut.Find("textarea").TextContent);
        Assert.Equal("q-7-error", cut.Find("textarea").GetAttribute("aria-describedby"));
        Assert.True(cut.Find("details").HasAttribute("open"));
    }

    [Fact]
    public void In_English_the_question_and_its_flags_are_English()
    {
        UseLanguage("en-GB");

        var cut = Render<ReviewQuestion>(p => p.Add(x => x.Question, Question()).Add(x => x.Number, 2).Add(x => x.Index, 0));

        Assert.Equal("Hide – question 2", cut.FindAll("button")[0].TextContent);
        Assert.Equal("Phone number in the text: “0611 123456”", cut.FindAll(".flags li")[0].TextContent);
        Assert.Equal("(Hint: Phone number)", cut.Find(".question-text mark .visually-hidden").TextContent.Trim());
    }

    [Fact]
    public void The_moderation_summary_shows_counts_only_and_only_the_reasons_that_occurred()
    {
        var cut = Render<ModerationSummary>(p => p.Add(x => x.Transcript, Transcript(Question(), Question(hidden: true) with { Id = 8, AnsweredSeconds = null })));

        string Count(string key) => cut.Find($"[data-count={key}]").TextContent;
        Assert.Equal(("12", "1", "1", "4", "3", "1", "1"), (Count("received"), Count("answered-live"), Count("open"), Count("rejected"), Count("rejected-duplicate"), Count("rejected-personaldata"), Count("hidden")));
        Assert.Empty(cut.FindAll("[data-count=rejected-offtopic]"));
        Assert.Contains("Abgelehnt: doppelt", cut.Markup);

        UseLanguage("en-GB");
        var english = Render<ModerationSummary>(p => p.Add(x => x.Transcript, Transcript(Question())));
        Assert.Contains("Rejected: duplicate", english.Markup);
        Assert.Contains("Answered live", english.Markup);
    }
}
