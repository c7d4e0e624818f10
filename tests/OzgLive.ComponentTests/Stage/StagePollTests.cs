using OzgLive.Web.Live;
using OzgLive.Web.Polls;
using OzgLive.Web.Stage;
using static OzgLive.ComponentTests.Stage.StageData;

namespace OzgLive.ComponentTests.Stage;

/// <summary>The open poll on the presenter screen: its question always, its results only once the audience may see them.</summary>
public sealed class StagePollTests : StageComponentTest
{
    private static readonly PollResults Counted = new(7, 4, [new("1", "Ja", 3), new("2", "Nein", 1)], [], []);

    private static PollView Voucher(PollState state = PollState.Open, PollResultsMode mode = PollResultsMode.Hidden, bool revealed = false) => new(
        7, 2, PollKind.Single, "Haben Sie den Voucher beantragt?", [new(1, "Ja"), new(2, "Nein")], 1, null, null, null,
        state, mode, revealed, Now, null, null, 3, Counted);

    private IRenderedComponent<StageScreen> ShowWith(EventRole role, params PollView[] polls) =>
        Show<StageScreen>(p => p.Add(c => c.State, new StageState(1, 12, role, Event(), Running(2, TimeSpan.FromMinutes(4)), [], [], polls)));

    [Fact]
    public void An_open_poll_with_hidden_results_shows_its_question_but_no_numbers_even_on_a_moderators_screen()
    {
        // A moderator's snapshot carries the counts; the screen is seen by the room, so they stay hidden.
        var screen = ShowWith(EventRole.Moderator, Voucher());

        Assert.Equal("Umfrage", Text(screen.Find("#stage-poll-heading")));
        Assert.Equal("Haben Sie den Voucher beantragt?", Text(screen.Find("#stage-poll .poll-question")));
        Assert.Equal("Die Ergebnisse werden gezeigt, sobald die Moderation sie freigibt.", Text(screen.Find("#stage-poll .poll-hidden")));
        Assert.Equal("Jetzt abstimmen: auf der Veranstaltungsseite.", Text(screen.Find(".stage-poll-answering")));
        Assert.Empty(screen.FindAll("#stage-poll table"));
        Assert.Empty(screen.FindAll("a, button, input, select, textarea"));
    }

    [Theory]
    [InlineData(PollResultsMode.Hidden, true)]
    [InlineData(PollResultsMode.Live, false)]
    public void Revealed_or_live_results_show_as_table_and_chart(PollResultsMode mode, bool revealed)
    {
        var screen = ShowWith(EventRole.Presenter, Voucher(mode: mode, revealed: revealed));

        Assert.Equal("4 Personen haben geantwortet.", Text(screen.Find("#stage-poll .poll-respondents")));
        Assert.Equal("3", Text(screen.Find("#stage-poll tr[data-key='1'] td")));
        Assert.Single(screen.FindAll("#stage-poll svg.poll-chart"));
        Assert.Empty(screen.FindAll(".stage-poll-answering"));
    }

    [Fact]
    public void Prepared_and_closed_polls_are_not_on_the_screen()
    {
        var screen = ShowWith(EventRole.Moderator, Voucher(PollState.Prepared), Voucher(PollState.Closed, revealed: true) with { Id = 8 });

        Assert.Empty(screen.FindAll("#stage-poll"));
    }

    [Fact]
    public void The_poll_speaks_english_on_an_english_screen()
    {
        var screen = Show<StageScreen>(p => p.Add(c => c.State, new StageState(1, 12, EventRole.Presenter, Event(), Running(2, TimeSpan.FromMinutes(4)), [], [], [Voucher()])), "en-GB");

        Assert.Equal("Poll", Text(screen.Find("#stage-poll-heading")));
        Assert.Equal("Vote now on the event page.", Text(screen.Find(".stage-poll-answering")));
    }

    [Fact]
    public void A_time_limit_counts_down_on_the_screen()
    {
        var poll = Voucher() with { ClosesAt = Now.AddSeconds(95) };
        var screen = Show<StageScreen>(p => p.Add(c => c.State, new StageState(1, 12, EventRole.Presenter, Event(), Running(2, TimeSpan.FromMinutes(4)), [], [], [poll]))
            .Add(c => c.Now, Now));

        Assert.Equal("Noch 1:35 zum Abstimmen", Text(screen.Find("#stage-poll-countdown")));

        screen.Render(p => p.Add(c => c.Now, Now.AddSeconds(100)));
        Assert.Equal("Noch 0:00 zum Abstimmen", Text(screen.Find("#stage-poll-countdown")));
    }
}
