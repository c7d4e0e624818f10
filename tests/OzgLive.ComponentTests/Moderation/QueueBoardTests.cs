using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Moderation;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>The five columns: which question is where, in which order, and what an empty column says.</summary>
public sealed class QueueBoardTests : BunitContext
{
    private readonly IDisposable culture = Samples.Culture("de-DE");

    public QueueBoardTests() => Services.AddLocalization();

    protected override void Dispose(bool disposing)
    {
        culture.Dispose();
        base.Dispose(disposing);
    }

    private IRenderedComponent<QueueBoard> Board(params ModeratorQuestion[] queue) =>
        Render<QueueBoard>(p => p.Add(b => b.Queue, queue).Add(b => b.Blocks, Samples.Event().Blocks));

    private static long[] Ids(IRenderedComponent<QueueBoard> board, string column) =>
        board.FindAll($"[data-list={column}] > li").Select(li => long.Parse(li.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Without_questions_every_column_says_it_is_empty()
    {
        var board = Board();

        Assert.Equal(["Eingang", "Freigegeben", "Auf der Bühne", "Beantwortet", "Abgelehnt"],
            board.FindAll(".mod-column > h3").Select(h => h.FirstChild!.TextContent.Trim()).ToArray());
        var empty = board.FindAll("[data-empty]").ToDictionary(p => p.GetAttribute("data-empty")!, p => p);
        Assert.Equal("Keine neuen Fragen.", empty["incoming"].TextContent);
        Assert.Equal("Keine freigegebenen Fragen.", empty["approved"].TextContent);
        Assert.Equal("Gerade ist keine Frage auf der Bühne.", empty["stage"].TextContent);
        Assert.Equal("Noch keine Frage beantwortet.", empty["answered"].TextContent);
        Assert.Equal("Keine abgelehnten Fragen.", empty["rejected"].TextContent);
        Assert.All(empty.Values, p => Assert.False(p.HasAttribute("hidden")));
        Assert.All(board.FindAll(".mod-column [data-count]"), c => Assert.Equal("0", c.TextContent));
        Assert.Equal("0 Fragen", board.Find("#filter-result").TextContent);
        Assert.True(board.Find("#bulk-approve").HasAttribute("disabled"));
    }

    [Fact]
    public void Each_status_has_its_column_and_withdrawn_or_merged_questions_none()
    {
        var board = Board(
            Samples.Question(1),
            Samples.Question(2, QuestionStatus.Approved),
            Samples.Question(3, QuestionStatus.OnStage, stagedAt: Samples.Asked),
            Samples.Question(4, QuestionStatus.Answered, answeredAt: Samples.Asked),
            Samples.Question(5, QuestionStatus.Rejected, rejectReason: RejectReason.Abusive),
            Samples.Question(6, QuestionStatus.Withdrawn),
            Samples.Question(7, QuestionStatus.Merged));

        Assert.Equal([1], Ids(board, "incoming"));
        Assert.Equal([2], Ids(board, "approved"));
        Assert.Equal([3], Ids(board, "stage"));
        Assert.Equal([4], Ids(board, "answered"));
        Assert.Equal([5], Ids(board, "rejected"));
        Assert.Empty(board.FindAll("#q-6, #q-7"));
        Assert.All(board.FindAll("[data-empty]"), p => Assert.True(p.HasAttribute("hidden")));
        Assert.Equal(["1", "1", "1", "1", "1"], board.FindAll(".mod-column [data-count]").Select(c => c.TextContent).ToArray());
        Assert.Equal("5 Fragen", board.Find("#filter-result").TextContent);
    }

    [Fact]
    public void New_questions_come_oldest_first_and_approved_ones_in_the_presenters_order()
    {
        var board = Board(
            Samples.Question(10, createdAt: Samples.Asked.AddMinutes(5)),
            Samples.Question(11, createdAt: Samples.Asked),
            Samples.Question(20, QuestionStatus.Approved, votes: 2),
            Samples.Question(21, QuestionStatus.Approved, votes: 9),
            Samples.Question(22, QuestionStatus.Approved, votes: 0, pinned: true, moderatorOrder: 2),
            Samples.Question(23, QuestionStatus.Approved, votes: 1, pinned: true, moderatorOrder: 1),
            Samples.Question(24, QuestionStatus.Approved, votes: 9, createdAt: Samples.Asked.AddMinutes(-1)));

        Assert.Equal([11, 10], Ids(board, "incoming"));
        // Pinned in pin order, then most votes, then oldest.
        Assert.Equal([23, 22, 24, 21, 20], Ids(board, "approved"));
    }

    [Fact]
    public void Tabs_name_each_column_with_its_count_and_start_on_the_incoming_questions()
    {
        var board = Board(Samples.Question(1), Samples.Question(2));

        var tabs = board.FindAll("[role=tab]");
        Assert.Equal(5, tabs.Count);
        Assert.Equal("Eingang 2", tabs[0].TextContent);
        Assert.Equal("true", tabs[0].GetAttribute("aria-selected"));
        Assert.Equal("col-incoming", tabs[0].GetAttribute("aria-controls"));
        Assert.All(tabs.Skip(1), t => Assert.Equal("false", t.GetAttribute("aria-selected")));
        // Without the script there are no tabs: every column shows, one below the other.
        Assert.True(board.Find("#queue-tabs").HasAttribute("hidden"));
    }

    [Fact]
    public void The_filter_offers_every_block_and_source_with_labels()
    {
        var board = Board();

        Assert.Equal(["Alle Blöcke", "Block 1", "Block 2", "Block 3", "ohne Block"], board.FindAll("#filter-block option").Select(o => o.TextContent).ToArray());
        Assert.Equal(["", "live", "youTube", "email", "phone", "onSite", "other"], board.FindAll("#filter-source option").Select(o => o.GetAttribute("value")!).ToArray());
        foreach (var id in new[] { "filter-text", "filter-block", "filter-source" })
        {
            Assert.NotNull(board.Find($"label[for={id}]"));
        }
    }
}
