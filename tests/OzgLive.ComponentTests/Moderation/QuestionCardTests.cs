using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Moderation;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>One question card in every status, as the console's server rendering shows it.</summary>
public sealed class QuestionCardTests : BunitContext
{
    private readonly IDisposable culture = Samples.Culture("de-DE");

    public QuestionCardTests() => Services.AddLocalization();

    protected override void Dispose(bool disposing)
    {
        culture.Dispose();
        base.Dispose(disposing);
    }

    private IRenderedComponent<QuestionCard> Card(ModeratorQuestion question, bool stale = false) =>
        Render<QuestionCard>(p => p.Add(c => c.Question, question).Add(c => c.Stale, stale));

    private static string[] Buttons(IElement scope) =>
        scope.QuerySelectorAll("button[data-action]").Select(b => b.GetAttribute("data-action")!).ToArray();

    private static string Meta(IRenderedComponent<QuestionCard> card, string label) =>
        card.FindAll(".q-meta > div").Single(d => d.QuerySelector("dt")!.TextContent == label).QuerySelector("dd")!.TextContent;

    [Fact]
    public void A_new_question_can_be_approved_rejected_selected_and_shows_who_asked_when_and_where()
    {
        var card = Card(Samples.Question());

        var article = card.Find("article.q-card");
        Assert.Equal("q-12", article.Id);
        Assert.Equal("pending", article.GetAttribute("data-status"));
        Assert.Equal("4", article.GetAttribute("data-version"));
        Assert.Equal("-1", article.GetAttribute("tabindex"));
        Assert.Equal("q-12-label q-12-text", article.GetAttribute("aria-labelledby"));
        Assert.Equal("Frage 12", card.Find(".q-number").TextContent);
        Assert.Equal("Neu", card.Find(".q-badge-pending").TextContent);
        Assert.Equal("Wo beantrage ich den Voucher für die Digitalisierungsberatung?", card.Find(".q-text").TextContent);
        Assert.Equal("Anna Schmidt (Gemeinde Musterstadt)", Meta(card, "Von"));
        Assert.Equal("Block 2", Meta(card, "Block"));
        Assert.Equal("Live-Seite", Meta(card, "Quelle"));
        Assert.Equal("3", Meta(card, "Stimmen"));
        Assert.Equal("1", Meta(card, "Fragende"));
        // 08:41 UTC on 31 March 2026 is 10:41 in Berlin (summer time).
        Assert.Equal("10:41 Uhr", Meta(card, "Eingegangen"));
        Assert.Equal("2026-03-31T08:41:00.000Z", card.Find(".q-meta time").GetAttribute("datetime"));

        Assert.Equal(["approve", "reject"], Buttons(card.Find(".q-actions")));
        Assert.Equal(["edit", "merge", "move"], Buttons(card.Find(".q-more")));
        Assert.Equal("Freigeben (Frage 12)", card.Find("[data-action=approve]").TextContent);
        Assert.Equal("A", card.Find("[data-action=approve]").GetAttribute("aria-keyshortcuts"));
        Assert.Equal("R", card.Find("[data-action=reject]").GetAttribute("aria-keyshortcuts"));
        Assert.NotNull(card.Find(".q-select input[type=checkbox][data-select]"));
        Assert.Empty(card.FindAll(".q-stale-notice, .q-held-reason, .q-original, .q-answer, .q-reason, .q-badge-held, .q-badge-pinned"));
    }

    [Fact]
    public void A_held_question_says_why_it_waits()
    {
        var card = Card(Samples.Question(heldReason: "Wortliste: „idiot*“"));

        Assert.Contains("q-held", card.Find("article").ClassList);
        Assert.Equal("Zurückgehalten", card.Find(".q-badge-held").TextContent);
        Assert.Equal("Zurückgehalten: Wortliste: „idiot*“", card.Find(".q-held-reason").TextContent);
        Assert.Equal(["approve", "reject"], Buttons(card.Find(".q-actions")));
    }

    [Fact]
    public void An_approved_question_can_go_on_stage_be_answered_rejected_or_pinned()
    {
        var card = Card(Samples.Question(status: QuestionStatus.Approved, votes: 17));

        Assert.Equal("Freigegeben", card.Find(".q-badge-approved").TextContent);
        Assert.Equal(["stage", "answer", "reject"], Buttons(card.Find(".q-actions")));
        Assert.Equal(["pin", "answer-text", "edit", "merge", "move"], Buttons(card.Find(".q-more")));
        Assert.Equal("S", card.Find("[data-action=stage]").GetAttribute("aria-keyshortcuts"));
        Assert.Equal("B", card.Find("[data-action=answer]").GetAttribute("aria-keyshortcuts"));
        Assert.Equal("17", card.Find("[data-votes]").TextContent);
        Assert.Empty(card.FindAll(".q-select"));
    }

    [Fact]
    public void A_pinned_question_says_so_and_offers_to_unpin()
    {
        var card = Card(Samples.Question(status: QuestionStatus.Approved, pinned: true, moderatorOrder: 1));

        Assert.Contains("q-pinned", card.Find("article").ClassList);
        Assert.Equal("Angeheftet", card.Find(".q-badge-pinned").TextContent);
        Assert.Contains("unpin", Buttons(card.Find(".q-more")));
        Assert.DoesNotContain("pin", Buttons(card.Find(".q-more")));
    }

    [Fact]
    public void The_question_on_stage_can_be_answered_or_taken_off_and_shows_since_when()
    {
        var card = Card(Samples.Question(status: QuestionStatus.OnStage, stagedAt: Samples.Asked.AddMinutes(9)));

        Assert.Equal("Auf der Bühne", card.Find(".q-badge-onStage").TextContent);
        Assert.Equal(["answer", "unstage"], Buttons(card.Find(".q-actions")));
        Assert.Equal(["pin", "answer-text", "edit", "move"], Buttons(card.Find(".q-more")));
        Assert.Equal("10:50 Uhr", Meta(card, "Auf der Bühne seit"));
    }

    [Fact]
    public void An_answered_question_shows_the_written_answer_and_can_be_reopened()
    {
        var card = Card(Samples.Question(status: QuestionStatus.Answered, answerText: "Beim Land, Formular 7.", answeredAt: Samples.Asked.AddMinutes(20)));

        Assert.Equal("Beantwortet", card.Find(".q-badge-answered").TextContent);
        Assert.Equal("Schriftliche Antwort: Beim Land, Formular 7.", card.Find(".q-answer").TextContent);
        Assert.Equal("11:01 Uhr", Meta(card, "Beantwortet"));
        Assert.Equal(["reopen"], Buttons(card.Find(".q-actions")));
        Assert.Equal(["edit", "move"], Buttons(card.Find(".q-more")));
    }

    [Fact]
    public void A_rejected_question_names_the_reason_and_can_be_reopened_or_merged()
    {
        var card = Card(Samples.Question(status: QuestionStatus.Rejected, rejectReason: RejectReason.PersonalData));

        Assert.Equal("Abgelehnt", card.Find(".q-badge-rejected").TextContent);
        Assert.Equal("Abgelehnt wegen: Enthält personenbezogene Daten", card.Find(".q-reason").TextContent);
        Assert.Equal(["reopen"], Buttons(card.Find(".q-actions")));
        Assert.Equal(["merge", "edit", "move"], Buttons(card.Find(".q-more")));
    }

    [Fact]
    public void An_edited_question_shows_what_was_originally_asked()
    {
        var card = Card(Samples.Question(text: "Wo beantrage ich den Voucher?", originalText: "wo beantrage ich den voucher bitte schnell"));

        Assert.Equal("Wo beantrage ich den Voucher?", card.Find(".q-text").TextContent);
        Assert.Equal("Ursprünglich gefragt: wo beantrage ich den voucher bitte schnell", card.Find(".q-original").TextContent);
    }

    [Fact]
    public void A_stale_action_leaves_a_notice_on_the_card_with_its_fresh_state()
    {
        var card = Card(Samples.Question(status: QuestionStatus.Rejected, rejectReason: RejectReason.OffTopic, version: 6), stale: true);

        Assert.Contains("q-stale", card.Find("article").ClassList);
        Assert.Equal(
            "Diese Frage wurde inzwischen von jemand anderem geändert. Hier sehen Sie den aktuellen Stand – bitte entscheiden Sie erneut.",
            card.Find(".q-stale-notice").TextContent);
        Assert.Equal("6", card.Find("article").GetAttribute("data-version"));
        Assert.Equal("rejected", card.Find("article").GetAttribute("data-status"));
    }

    [Theory]
    [InlineData(null, null, "ohne Namen")]
    [InlineData("Anna Schmidt", null, "Anna Schmidt")]
    [InlineData(null, "Gemeinde Musterstadt", "Gemeinde Musterstadt")]
    public void The_asker_is_named_as_far_as_they_told(string? name, string? organisation, string expected)
    {
        var card = Card(Samples.Question(displayName: name, organisation: organisation));
        Assert.Equal(expected, Meta(card, "Von"));
    }

    [Fact]
    public void A_question_from_elsewhere_without_block_names_its_source_and_merged_askers()
    {
        var card = Card(Samples.Question(status: QuestionStatus.Approved, source: QuestionSource.Email, blockNumber: null, askers: 3));

        Assert.Equal("E-Mail", Meta(card, "Quelle"));
        Assert.Equal("ohne Block", Meta(card, "Block"));
        Assert.Equal("3", Meta(card, "Fragende"));
    }

    [Fact]
    public void Question_text_is_shown_as_text_never_as_markup()
    {
        var card = Card(Samples.Question(text: "<b>Fett</b> & <script>alert(1)</script>"));

        Assert.Equal("<b>Fett</b> & <script>alert(1)</script>", card.Find(".q-text").TextContent);
        Assert.Empty(card.FindAll(".q-text b, .q-text script"));
    }

    [Fact]
    public void In_English_the_card_speaks_English()
    {
        using var english = Samples.Culture("en-GB");
        var card = Card(Samples.Question(status: QuestionStatus.Approved, displayName: null, organisation: null));

        Assert.Equal("Question 12", card.Find(".q-number").TextContent);
        Assert.Equal("Approved", card.Find(".q-badge-approved").TextContent);
        Assert.Equal("Put on stage (question 12)", card.Find("[data-action=stage]").TextContent);
        Assert.Equal("no name", Meta(card, "From"));
        Assert.Equal("Live page", Meta(card, "Source"));
        // The same Berlin time, without the German "Uhr".
        Assert.Equal("10:41", Meta(card, "Received"));
        Assert.Equal("More actions (question 12)", card.Find(".q-more summary").TextContent);
    }
}
