using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;
using OzgLive.Web.Stage;
using static OzgLive.ComponentTests.Stage.StageData;

namespace OzgLive.ComponentTests.Stage;

public sealed class StageScreenTests : StageComponentTest
{
    private static StageState State(ClockView? clock = null, IReadOnlyList<PublicQuestion>? questions = null, IReadOnlyList<BackstageMessage>? backstage = null) =>
        new(1, 12, EventRole.Presenter, Event(), clock ?? Running(2, TimeSpan.FromMinutes(4)), questions ?? [], backstage ?? []);

    [Fact]
    public void Screen_has_landmarks_one_heading_and_no_controls()
    {
        var screen = Show<StageScreen>(p => p.Add(c => c.State, State(
            questions: [Question(1, "Auf der Bühne", QuestionStatus.OnStage, "Anna"), Question(2, "Wartet", votes: 2)],
            backstage: [Note(1, "Noch zwei Fragen", Now)])));

        Assert.Single(screen.FindAll("header"));
        Assert.Single(screen.FindAll("main#main"));
        Assert.Equal("Kostenfreie Digitalisierungsberatungen", screen.Find("h1").TextContent);
        Assert.Single(screen.FindAll("h1"));
        Assert.Empty(screen.FindAll("a, button, input, select, textarea"));
        Assert.Equal("Referierendenansicht Spot on OZG HE – Der Hessische Weg", Text(screen.Find(".stage-event")));
        Assert.Equal("polite", screen.Find("#stage-announce").GetAttribute("aria-live"));

        // Everything on one screen: block, countdown, note, question on stage, what comes next.
        Assert.Equal("Letzte 5 Minuten", screen.Find("#stage-clock-label").TextContent);
        Assert.Equal("Noch zwei Fragen", screen.Find(".stage-backstage-text").TextContent);
        Assert.Equal("Auf der Bühne", screen.Find(".stage-question").TextContent);
        Assert.Equal("Wartet", screen.Find(".stage-next-text").TextContent);

        var root = screen.Find("#stage");
        Assert.Equal("spot-on-ozg-he", root.GetAttribute("data-event-slug"));
        Assert.Equal("1", root.GetAttribute("data-event-id"));
        Assert.Equal("12", root.GetAttribute("data-seq"));
        Assert.Equal("presenter", root.GetAttribute("data-role"));
        Assert.Equal("de", root.GetAttribute("lang"));
        Assert.Equal("dark", root.GetAttribute("data-theme"));
    }

    [Fact]
    public void Theme_and_language_are_set_on_the_screen()
    {
        var screen = Show<StageScreen>(p => p.Add(c => c.State, State()).Add(c => c.Theme, "light"), "en-GB");

        Assert.Equal("light", screen.Find("#stage").GetAttribute("data-theme"));
        Assert.Equal("en", screen.Find("#stage").GetAttribute("lang"));
        Assert.Equal("Presenter screen Spot on OZG HE – Der Hessische Weg", Text(screen.Find(".stage-event")));
        Assert.Equal("Last 5 minutes", screen.Find("#stage-clock-label").TextContent);
    }

    [Fact]
    public void No_block_running_shows_the_next_block_and_the_phase()
    {
        var screen = Show<StageScreen>(p => p.Add(c => c.State, State(clock: Between(1))));

        Assert.Equal("Als Nächstes: Block 2 von 3", screen.Find(".stage-kicker").TextContent);
        Assert.Equal("Pause zwischen den Blöcken", screen.Find("#stage-clock-label").TextContent);
        Assert.True(screen.Find("#stage-clock-time").HasAttribute("hidden"));
    }
}

public sealed class StageDeniedTests : StageComponentTest
{
    [Theory]
    [InlineData(true, "missing-key", "Diese Ansicht öffnet sich nur über den vollständigen Link, den Sie von der Organisation bekommen haben. Bitte öffnen Sie diesen Link.")]
    [InlineData(false, "wrong-key", "Dieser Link ist ungültig oder wurde widerrufen. Bitte fordern Sie bei der Organisation einen neuen Link an.")]
    public void Denied_screen_explains_in_German_what_to_do(bool missingKey, string reason, string message)
    {
        var page = Show<StageDenied>(p => p.Add(c => c.Slug, "spot-on-ozg-he").Add(c => c.MissingKey, missingKey));

        Assert.Equal("Kein Zugang zur Referierendenansicht", page.Find("h1").TextContent);
        Assert.Equal(message, page.Find(".stage-message").TextContent);
        Assert.Equal(reason, page.Find(".stage-message").GetAttribute("data-reason"));
        Assert.Equal("/login?ReturnUrl=%2Fevents%2Fspot-on-ozg-he%2Fstage", page.Find("a").GetAttribute("href"));
        Assert.Equal("Sie moderieren oder organisieren diese Veranstaltung? Melden Sie sich an, dann öffnet sich die Ansicht auch ohne Link.", Text(page.FindAll("p")[1]));
    }

    [Fact]
    public void Denied_screen_in_English()
    {
        var page = Show<StageDenied>(p => p.Add(c => c.Slug, "x").Add(c => c.MissingKey, false), "en-GB");

        Assert.Equal("No access to the presenter screen", page.Find("h1").TextContent);
        Assert.Equal("This link is not valid or has been revoked. Please ask the organisers for a new link.", page.Find(".stage-message").TextContent);
    }
}

public sealed class StageStateTests
{
    private static EventSnapshot Snapshot(EventRole role, IReadOnlyList<PublicQuestion>? publicQuestions, IReadOnlyList<ModeratorQuestion>? queue) => new(
        1, 4, role, Event(), Running(1, TimeSpan.FromMinutes(10)),
        new QuestionSettings(QuestionsState.Open, false, 1, []), publicQuestions, queue, [], [],
        role >= EventRole.Presenter ? [Note(1, "Hallo", Now)] : null, null);

    private static ModeratorQuestion Queued(long id, QuestionStatus status) => new(
        id, null, $"Frage {id} ({status})", $"frage {id}", "Name", null, QuestionSource.Live, status, null, null, false, null, null, null,
        3, 1, 2, Start, null, null, null);

    [Fact]
    public void Staff_snapshot_keeps_only_what_the_public_may_see()
    {
        var statuses = Enum.GetValues<QuestionStatus>();
        var state = StageState.From(Snapshot(EventRole.Moderator, null, [.. statuses.Select((s, i) => Queued(i + 1, s))]));

        Assert.Equal(
            [QuestionStatus.Approved, QuestionStatus.OnStage, QuestionStatus.Answered],
            state.Questions.Select(q => q.Status).Order());
        Assert.Equal("Frage 2 (Approved)", state.Questions.Single(q => q.Status == QuestionStatus.Approved).Text);
        Assert.Equal(3, state.Questions.Single(q => q.Status == QuestionStatus.Approved).Votes);
        Assert.Single(state.Backstage);
    }

    [Fact]
    public void Presenter_snapshot_takes_the_public_questions()
    {
        var state = StageState.From(Snapshot(EventRole.Presenter, [Question(9, "Öffentlich")], null));

        Assert.Equal(["Öffentlich"], state.Questions.Select(q => q.Text));
        Assert.Equal(4, state.Seq);
        Assert.Equal(EventRole.Presenter, state.Role);
    }
}
