using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Questions;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

public sealed class QuestionListTests : BunitContext
{
    public QuestionListTests()
    {
        Services.AddLocalization();
    }

    [Fact]
    public void An_empty_list_says_so_and_keeps_a_template_for_questions_to_come()
    {
        using var culture = new Culture(German);
        var list = Render<QuestionList>(p => p.Add(x => x.Questions, []).Add(x => x.Now, Now));

        Assert.Empty(list.FindAll("#question-list > li"));
        var empty = list.Find("#questions-empty");
        Assert.Equal("Noch keine freigegebenen Fragen.", empty.TextContent);
        Assert.False(empty.HasAttribute("hidden"));
        Assert.Equal("Freigegebene Fragen", list.Find("#questions-heading").TextContent);
        // The script clones this for questions that arrive later.
        var template = ((AngleSharp.Html.Dom.IHtmlTemplateElement)list.Find("template#question-template")).Content;
        Assert.Equal("Frage unterstützen", template.QuerySelector("li.question button.vote .vote-label")!.TextContent);
        Assert.NotNull(template.QuerySelector("[data-field='votes']"));
        // Live updates can only be held where there are live updates: the script shows the control.
        Assert.True(list.Find("#live-control").HasAttribute("hidden"));
        Assert.Equal("Live-Aktualisierung anhalten", list.Find("#live-toggle").TextContent);
    }

    [Fact]
    public void The_question_on_stage_comes_first_and_is_marked_in_words_and_answered_ones_come_last()
    {
        using var culture = new Culture(German);
        var list = Render<QuestionList>(p => p
            .Add(x => x.Questions, [
                Question(1, "Beantwortet, mit vielen Stimmen", votes: 9, status: QuestionStatus.Answered, answer: "Ja."),
                Question(2, "Die meisten Stimmen", votes: 5, name: "Anna Schmidt", organisation: "Gemeinde Musterstadt"),
                Question(3, "Auf der Bühne", votes: 1, status: QuestionStatus.OnStage),
                Question(4, "Wenige Stimmen", votes: 2),
            ])
            .Add(x => x.Now, Now));

        var items = list.FindAll("#question-list > li");
        Assert.Equal(["Auf der Bühne", "Die meisten Stimmen", "Wenige Stimmen", "Beantwortet, mit vielen Stimmen"],
            items.Select(li => li.QuerySelector(".question-text")!.TextContent));
        Assert.True(list.Find("#questions-empty").HasAttribute("hidden"));

        var onStage = items[0];
        Assert.Equal("question question-on-stage", onStage.ClassName);
        Assert.Equal("onStage", onStage.GetAttribute("data-status"));
        var flag = onStage.QuerySelector(".question-flag")!;
        Assert.Equal("Jetzt auf der Bühne", flag.TextContent);
        Assert.False(flag.HasAttribute("hidden"));
        Assert.Equal("question", items[1].ClassName);
        Assert.True(items[1].QuerySelector(".question-flag")!.HasAttribute("hidden"));
        Assert.Equal("Anna Schmidt, Gemeinde Musterstadt", items[1].QuerySelector("[data-field='author']")!.TextContent);
        Assert.Equal("vor 3 Minuten", items[1].QuerySelector("time")!.TextContent);

        var answered = items[3];
        Assert.Equal("Beantwortet", answered.QuerySelector(".question-flag")!.TextContent);
        Assert.True(answered.QuerySelector("button.vote")!.HasAttribute("hidden"));
        Assert.Equal("9 Stimmen", answered.QuerySelector(".vote-total")!.TextContent);
        Assert.Equal("Antwort: Ja.", answered.QuerySelector(".question-answer")!.TextContent);
    }

    [Fact]
    public void Newest_first_orders_by_time_with_the_question_on_stage_still_first()
    {
        using var culture = new Culture(German);
        var list = Render<QuestionList>(p => p
            .Add(x => x.Questions, [
                Question(1, "Alt", votes: 5, createdAt: Now.AddMinutes(-20)),
                Question(2, "Neu", createdAt: Now.AddMinutes(-1)),
                Question(3, "Bühne", status: QuestionStatus.OnStage, createdAt: Now.AddMinutes(-30)),
                Question(4, "Mittel", votes: 1, createdAt: Now.AddMinutes(-10)),
            ])
            .Add(x => x.Now, Now)
            .Add(x => x.Sort, QuestionSort.Newest));

        Assert.Equal(["Bühne", "Neu", "Mittel", "Alt"], list.FindAll("#question-list .question-text").Select(e => e.TextContent));
        Assert.True(list.Find("input[value='neueste']").HasAttribute("checked"));
        Assert.False(list.Find("input[value='stimmen']").HasAttribute("checked"));
        // Without JavaScript the choice is a plain form.
        Assert.Equal("get", list.Find("#sort-form").GetAttribute("method"));
        Assert.Contains("Sortierung anwenden", list.Find("#sort-form noscript").InnerHtml);
    }

    [Fact]
    public void Of_many_questions_the_list_offers_more_with_a_button_that_asks_for_all_of_them_without_JavaScript()
    {
        using var culture = new Culture(German);
        var list = Render<QuestionList>(p => p
            .Add(x => x.Questions, [Question(1, "Eine von vielen")])
            .Add(x => x.Now, Now)
            .Add(x => x.Sort, QuestionSort.Newest)
            .Add(x => x.More, true));

        var more = list.Find("form#questions-more");
        Assert.False(more.HasAttribute("hidden"));
        Assert.Equal("get", more.GetAttribute("method"));
        Assert.EndsWith("#questions", more.GetAttribute("action"));
        var button = list.Find("#questions-more-button");
        Assert.Equal("Weitere Fragen laden", button.TextContent);
        Assert.Equal("submit", button.GetAttribute("type"));
        Assert.Equal("1", more.QuerySelector("input[name='alle']")!.GetAttribute("value"));
        Assert.Equal("neueste", more.QuerySelector("input[name='sortierung']")!.GetAttribute("value"));
        // A failure to load is read out at once; the script writes it.
        Assert.Equal("alert", list.Find("#questions-more-error").GetAttribute("role"));
        Assert.Empty(list.FindAll("#sort-form input[name='alle']"));

        // The whole list (?alle=1): nothing more to load, and sorting keeps the whole list.
        var whole = Render<QuestionList>(p => p
            .Add(x => x.Questions, [Question(1, "Eine von vielen")])
            .Add(x => x.Now, Now)
            .Add(x => x.WholeList, true));
        Assert.True(whole.Find("form#questions-more").HasAttribute("hidden"));
        Assert.Equal("1", whole.Find("#sort-form input[name='alle']").GetAttribute("value"));

        // A list without more (a small event) has the button hidden.
        var few = Render<QuestionList>(p => p.Add(x => x.Questions, []).Add(x => x.Now, Now));
        Assert.True(few.Find("form#questions-more").HasAttribute("hidden"));
    }

    [Fact]
    public void In_English_the_list_and_its_controls_are_English()
    {
        using var culture = new Culture(English);
        var list = Render<QuestionList>(p => p
            .Add(x => x.Questions, [Question(1, "Is there a recording?", votes: 1, createdAt: Now.AddMinutes(-3))])
            .Add(x => x.Now, Now));

        Assert.Equal("Approved questions", list.Find("#questions-heading").TextContent);
        Assert.Equal("Sort by", list.Find("legend").TextContent);
        Assert.Equal("Support question", list.Find("#question-list .vote-label").TextContent);
        Assert.Equal(" vote", list.Find("#question-list [data-field='votesWord']").TextContent);
        Assert.Equal("Anonymous", list.Find("#question-list [data-field='author']").TextContent);
        Assert.Equal("3 minutes ago", list.Find("#question-list time").TextContent);
        Assert.Equal("Pause live updates", list.Find("#live-toggle").TextContent);
        Assert.Equal("Load more questions", list.Find("#questions-more-button").TextContent);
    }
}
