using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Questions;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

public sealed class QuestionItemTests : BunitContext
{
    public QuestionItemTests() 
    {
        Services.AddLocalization();
    }

    [Fact]
    public void The_vote_button_names_what_it_does_shows_the_count_and_points_to_the_question()
    {
        using var culture = new Culture(German);
        var item = Render<QuestionItem>(p => p.Add(x => x.Question, Question(12, "Wer berät vor Ort?", votes: 3)).Add(x => x.Now, Now));

        var li = item.Find("li");
        Assert.Equal("question-12", li.Id);
        Assert.Equal("12", li.GetAttribute("data-question-id"));
        var vote = item.Find("button.vote");
        Assert.Equal("button", vote.GetAttribute("type"));
        Assert.Equal("false", vote.GetAttribute("aria-pressed"));
        Assert.Equal("question-12-text", vote.GetAttribute("aria-describedby"));
        Assert.Equal("Wer berät vor Ort?", item.Find("#question-12-text").TextContent);
        // The words a screen reader reads as the button's name; the count is visible as well.
        Assert.Equal("Frage unterstützen 3 Stimmen", vote.TextContent);
        Assert.Equal("3", item.Find("[data-field='votes']").TextContent);
        Assert.Equal("visually-hidden", item.Find("[data-field='votesWord']").ClassName);
        Assert.True(item.Find(".vote-total").HasAttribute("hidden"));
    }

    [Fact]
    public void Text_from_viewers_is_shown_as_text_never_as_markup()
    {
        using var culture = new Culture(German);
        var item = Render<QuestionItem>(p => p.Add(x => x.Question, Question(1, "<b>fett</b> & <script>x()</script>", name: "<i>Eva</i>")).Add(x => x.Now, Now));

        Assert.Empty(item.FindAll("b, script, i"));
        Assert.Equal("<b>fett</b> & <script>x()</script>", item.Find(".question-text").TextContent);
        Assert.Equal("<i>Eva</i>", item.Find("[data-field='author']").TextContent);
    }

    [Fact]
    public void Without_a_question_it_is_the_empty_template_for_the_script()
    {
        using var culture = new Culture(German);
        var item = Render<QuestionItem>(p => p.Add(x => x.Question, null).Add(x => x.Now, Now));

        var li = item.Find("li");
        Assert.False(li.HasAttribute("id"));
        Assert.False(li.HasAttribute("data-question-id"));
        Assert.Equal("", item.Find(".question-text").TextContent);
        Assert.False(item.Find("button.vote").HasAttribute("aria-describedby"));
        Assert.Equal("Frage unterstützen", item.Find(".vote-label").TextContent);
    }

    [Fact]
    public void One_vote_is_one_Stimme_and_an_answer_is_shown_with_its_label()
    {
        using var culture = new Culture(German);
        var item = Render<QuestionItem>(p => p.Add(x => x.Question, Question(1, "Frage", votes: 1, status: QuestionStatus.Answered, answer: "So geht es.")).Add(x => x.Now, Now));

        Assert.Equal("1 Stimme", item.Find(".vote-total").TextContent);
        Assert.False(item.Find(".question-answer").HasAttribute("hidden"));
        Assert.Equal("Antwort: So geht es.", item.Find(".question-answer").TextContent);
    }
}
