using OzgLive.Web.Questions;
using OzgLive.Web.Stage;
using static OzgLive.ComponentTests.Stage.StageData;

namespace OzgLive.ComponentTests.Stage;

public sealed class StageOnStageTests : StageComponentTest
{
    private IRenderedComponent<StageOnStage> OnStage(PublicQuestion? question, string culture = "de-DE") =>
        Show<StageOnStage>(p => p.Add(c => c.Question, question), culture);

    [Fact]
    public void Without_a_question_on_stage_it_says_so()
    {
        var section = OnStage(null);

        Assert.Equal("Frage auf der Bühne", section.Find("h2").TextContent);
        Assert.Equal("Gerade ist keine Frage auf der Bühne.", section.Find(".stage-empty").TextContent);
        Assert.Empty(section.FindAll("blockquote"));
        Assert.False(section.Find("#stage-onstage").HasAttribute("data-question-id"));
    }

    [Theory]
    [InlineData("Anna Schmidt", "Gemeinde Musterstadt", "Anna Schmidt, Gemeinde Musterstadt")]
    [InlineData("Anna Schmidt", null, "Anna Schmidt")]
    [InlineData(null, "Gemeinde Musterstadt", "Gemeinde Musterstadt")]
    [InlineData("  ", "", null)]
    [InlineData(null, null, null)]
    public void Question_on_stage_names_the_asker_and_organisation_only_if_given(string? name, string? organisation, string? expected)
    {
        var section = OnStage(Question(7, "Wo beantrage ich den Voucher?", QuestionStatus.OnStage, name, organisation));

        Assert.Equal("Wo beantrage ich den Voucher?", section.Find("blockquote.stage-question").TextContent);
        Assert.Equal("7", section.Find("#stage-onstage").GetAttribute("data-question-id"));
        Assert.Equal(expected, section.FindAll(".stage-asker").SingleOrDefault()?.TextContent);
        Assert.Empty(section.FindAll(".stage-empty"));
    }

    [Fact]
    public void Question_on_stage_shows_its_number_in_the_event_and_none_without_a_question()
    {
        var section = OnStage(Question(31, "Wo beantrage ich den Voucher?", QuestionStatus.OnStage) with { Number = 7 });

        Assert.Equal("#7", section.Find("#stage-onstage-number").TextContent);
        Assert.Empty(OnStage(null).FindAll(".stage-number"));
    }

    [Fact]
    public void Question_text_is_shown_as_text_never_as_markup()
    {
        var section = OnStage(Question(1, "Was heißt <b>fett</b> & <script>x</script>?", QuestionStatus.OnStage));

        Assert.Equal("Was heißt <b>fett</b> & <script>x</script>?", section.Find("blockquote").TextContent);
        Assert.Empty(section.FindAll("blockquote b, blockquote script"));
    }

    [Fact]
    public void English_question_on_stage()
    {
        Assert.Equal("Question on stage", OnStage(null, "en-GB").Find("h2").TextContent);
        Assert.Equal("No question on stage right now.", OnStage(null, "en-GB").Find(".stage-empty").TextContent);
    }
}

public sealed class StageNextQuestionsTests : StageComponentTest
{
    private IRenderedComponent<StageNextQuestions> Next(IReadOnlyList<PublicQuestion> questions, int? currentBlock = null, string culture = "de-DE") =>
        Show<StageNextQuestions>(p => p.Add(c => c.Questions, questions).Add(c => c.CurrentBlock, currentBlock), culture);

    private static IEnumerable<string> Texts(IRenderedComponent<StageNextQuestions> next) =>
        next.FindAll(".stage-next-list li .stage-next-text").Select(e => e.TextContent);

    [Fact]
    public void Next_three_are_pinned_ones_in_pinning_order_then_most_votes_then_oldest()
    {
        var next = Next(
        [
            Question(1, "Alt, wenige Stimmen", votes: 1, minute: 1),
            Question(2, "Viele Stimmen", votes: 9, minute: 5),
            Question(3, "Später angeheftet", votes: 0, pinnedOrder: 7, minute: 2),
            Question(4, "Zuerst angeheftet", votes: 0, pinnedOrder: 3, minute: 9),
            Question(5, "Gleich viele Stimmen, älter", votes: 4, minute: 3),
            Question(6, "Gleich viele Stimmen, jünger", votes: 4, minute: 4),
            Question(7, "Auf der Bühne", QuestionStatus.OnStage, votes: 50),
            Question(8, "Beantwortet", QuestionStatus.Answered, votes: 40),
        ]);

        Assert.Equal(["Zuerst angeheftet", "Später angeheftet", "Viele Stimmen"], Texts(next));
        Assert.Equal(["4", "3", "2"], next.FindAll(".stage-next-list li").Select(li => li.GetAttribute("data-question-id")));
        Assert.Equal(["Angeheftet", "Angeheftet"], next.FindAll("li[data-pinned] .stage-pin").Select(e => e.TextContent));
        Assert.Equal("Dazu 3 weitere freigegebene Fragen.", next.Find(".stage-more").TextContent);
    }

    [Fact]
    public void Without_pins_votes_lead_and_equal_votes_go_oldest_first()
    {
        var next = Next(
        [
            Question(1, "Gleich viele Stimmen, jünger", votes: 4, minute: 4),
            Question(2, "Gleich viele Stimmen, älter", votes: 4, minute: 3),
            Question(3, "Keine Stimmen", votes: 0, minute: 0),
            Question(4, "Eine Stimme", votes: 1, minute: 8),
        ]);

        Assert.Equal(["Gleich viele Stimmen, älter", "Gleich viele Stimmen, jünger", "Eine Stimme"], Texts(next));
        Assert.Equal(["4 Stimmen", "4 Stimmen", "1 Stimme"], next.FindAll(".stage-votes").Select(e => e.TextContent));
        Assert.Equal("Dazu 1 weitere freigegebene Frage.", next.Find(".stage-more").TextContent);
    }

    [Fact]
    public void Each_waiting_question_shows_asker_votes_and_a_block_other_than_the_current_one()
    {
        var next = Next(
        [
            Question(1, "Für Block 3", name: "Max", organisation: "Stadt Wetzlar", minute: 1, block: 3),
            Question(2, "Für den laufenden Block", organisation: "Landkreis Gießen", minute: 2, block: 2),
            Question(3, "Ohne Block und Namen", minute: 3),
        ], currentBlock: 2);

        var items = next.FindAll(".stage-next-list li");
        Assert.Equal("Max, Stadt Wetzlar", items[0].QuerySelector(".stage-next-asker")!.TextContent);
        Assert.Equal("Block 3", items[0].QuerySelector(".stage-next-block")!.TextContent);
        Assert.Equal("Landkreis Gießen", items[1].QuerySelector(".stage-next-asker")!.TextContent);
        Assert.Null(items[1].QuerySelector(".stage-next-block"));
        Assert.Null(items[2].QuerySelector(".stage-next-asker"));
        Assert.Null(items[2].QuerySelector(".stage-next-block"));
        Assert.Equal("0 Stimmen", Text(items[2].QuerySelector(".stage-next-meta")!));
        Assert.Empty(next.FindAll(".stage-more"));
    }

    [Fact]
    public void Each_waiting_question_shows_its_number_in_the_event()
    {
        var next = Next(
        [
            Question(40, "Viele Stimmen", votes: 9, minute: 1) with { Number = 12 },
            Question(41, "Eine Stimme", votes: 1, minute: 2) with { Number = 3 },
        ]);

        Assert.Equal(["#12", "#3"], next.FindAll(".stage-next-list li .stage-number").Select(e => e.TextContent));
    }

    [Fact]
    public void No_waiting_questions_says_so()
    {
        var next = Next([Question(1, "Auf der Bühne", QuestionStatus.OnStage), Question(2, "Beantwortet", QuestionStatus.Answered)]);

        Assert.Equal("Als Nächstes", next.Find("h2").TextContent);
        Assert.Equal("Keine weiteren freigegebenen Fragen.", next.Find(".stage-empty").TextContent);
        Assert.Empty(next.FindAll("ol"));
    }

    [Fact]
    public void English_next_questions()
    {
        var next = Next([Question(1, "A", votes: 2, pinnedOrder: 1), Question(2, "B", votes: 1), Question(3, "C"), Question(4, "D"), Question(5, "E")], culture: "en-GB");

        Assert.Equal("Up next", next.Find("h2").TextContent);
        Assert.Equal("Pinned", next.Find(".stage-pin").TextContent);
        Assert.Equal(["2 votes", "1 vote", "0 votes"], next.FindAll(".stage-votes").Select(e => e.TextContent));
        Assert.Equal("Plus 2 more approved questions.", next.Find(".stage-more").TextContent);
        Assert.Equal("No further approved questions.", Next([], culture: "en-GB").Find(".stage-empty").TextContent);
    }
}
