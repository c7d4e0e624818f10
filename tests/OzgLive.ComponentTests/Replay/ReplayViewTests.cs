using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Viewer;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Replay;

/// <summary>The replay page's parts as the server renders them, in German and English, in each of their states.</summary>
public sealed class ReplayViewTests : BunitContext
{
    private static readonly DateTimeOffset StreamStart = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);   // 10:00 in Berlin

    public ReplayViewTests() => Services.AddLocalization();

    private static TranscriptQuestion Question(long id, int? block, string text, int? staged = null, int? answered = null,
        string? name = null, string? organisation = null, string? answer = null, string? answerBy = null, bool hidden = false, int votes = 3) =>
        new(id, id, block, text, name, organisation, votes, 100, staged, answered, answer, answerBy, answer is null ? null : StreamStart,
            answer is not null, hidden, false, false, 1);

    private static ReplayModel Model(
        string? video = "dQw4w9WgXcQ", int offset = 0, bool preview = false, IReadOnlyList<TranscriptQuestion>? questions = null,
        IReadOnlyList<TranscriptChapter>? chapters = null, int streamSeconds = 5520)
    {
        var ev = new LiveEvent(7, 1, "Spot on OZG", "spot-on-ozg-rueckblick", "Spot on OZG HE", "", StreamStart,
            preview ? EventStatus.Ended : EventStatus.Published, null, video, "Erika Moderation", false, 12,
            [new TopicBlock(1, 1, "Umsetzungsvereinbarung", "", 30, null, []), new TopicBlock(2, 2, "Digitalisierungsberatung", "", 30, null, [])]);
        chapters ??= [new(1, "Umsetzungsvereinbarung", 312, 2112), new(2, "Digitalisierungsberatung", 2172, 3972), new(3, "Förderprogramme", 4032, 5400)];
        questions ??=
        [
            Question(1, 1, "Wo beantrage ich den Beratungsgutschein?", staged: 972, answered: 1092, name: "Jana Beispiel", organisation: "Landkreis Gießen", answer: "Beim Land.", votes: 1),
            Question(2, 2, "Wie digitalisieren wir trotz Personalmangel?", answer: "Mit Partnern.", answerBy: "Dr. Anna Referentin"),
            Question(3, 2, "Gibt es eine Vorlage?"),
            Question(4, null, "Eine Frage ohne Block", organisation: "Stadt Kassel"),
            Question(5, 1, "Ausgeblendete Frage mit Telefonnummer", hidden: true),
        ];
        var counts = new ModerationCounts(9, 1, 1, new Dictionary<RejectReason, int>
        {
            [RejectReason.OffTopic] = 0, [RejectReason.Duplicate] = 2, [RejectReason.PersonalData] = 0, [RejectReason.Abusive] = 1, [RejectReason.Other] = 0,
        });
        var transcript = new Transcript(7, StreamStart.AddHours(2), StreamStart, StreamStart.AddSeconds(streamSeconds), counts, chapters, questions, 4);
        return new ReplayModel(ev, new ReplaySettings(7, video, offset, preview ? null : StreamStart.AddDays(1), null, null), transcript, preview);
    }

    private IRenderedComponent<ReplayView> RenderView(ReplayModel model, string? query = null, int start = 0) =>
        Render<ReplayView>(p => p.Add(x => x.Model, model).Add(x => x.Query, query).Add(x => x.StartSeconds, start));

    [Fact]
    public void A_published_replay_shows_title_Berlin_date_player_consent_and_no_preview_banner()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model());

        Assert.Equal("Spot on OZG HE", view.Find("h1").TextContent);
        Assert.Equal("Gesendet am Mittwoch, 1. April 2026, 10:00 Uhr", view.Find("header time").TextContent);
        Assert.Empty(view.FindAll("#replay-preview"));
        Assert.Equal("Aufzeichnung", view.Find("#video-heading").TextContent);
        Assert.Equal("dQw4w9WgXcQ", view.Find("#video").GetAttribute("data-video-id"));
        Assert.True(view.Find("#video-start-note").HasAttribute("hidden"));
        Assert.Empty(view.FindAll("iframe"));
        Assert.Equal(["js/video-consent.js", "js/replay.js"], view.FindAll("script[src]").Select(s => s.GetAttribute("src")!));
    }

    [Fact]
    public void Questions_are_grouped_by_block_with_asker_votes_outcome_jump_link_and_answers()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model(offset: 60));

        Assert.Equal(["Block 1: Umsetzungsvereinbarung", "Block 2: Digitalisierungsberatung", "Fragen ohne Themenblock"],
            view.FindAll(".replay-block h3").Select(h => h.TextContent));
        var first = view.Find("#frage-1");
        Assert.Equal("Gefragt von Jana Beispiel, Landkreis Gießen", first.QuerySelector(".question-asker")!.TextContent);
        Assert.Equal("1 Stimme", first.QuerySelector(".question-votes")!.TextContent);
        Assert.Equal("Live beantwortet", first.QuerySelector(".replay-outcome")!.TextContent);
        var jump = first.QuerySelector("a.jump")!;
        Assert.Equal("Antwort ab 17:12 in der Aufzeichnung ansehen", jump.TextContent);
        Assert.Equal("/events/spot-on-ozg-rueckblick/replay?t=1032#aufzeichnung", jump.GetAttribute("href"));
        Assert.Equal("1032", jump.GetAttribute("data-seconds"));
        Assert.Equal("Antwort", first.QuerySelector(".replay-answer-by")!.TextContent);

        var written = view.Find("#frage-2");
        Assert.Equal("Schriftlich beantwortet", written.QuerySelector(".replay-outcome")!.TextContent);
        Assert.Equal("Antwort von Dr. Anna Referentin", written.QuerySelector(".replay-answer-by")!.TextContent);
        Assert.Equal("Mit Partnern.", written.QuerySelector(".replay-answer-text")!.TextContent);
        Assert.Null(written.QuerySelector("a.jump"));
        Assert.Null(written.QuerySelector(".question-asker"));
        Assert.Equal("3 Stimmen", written.QuerySelector(".question-votes")!.TextContent);

        Assert.Equal("Noch offen", view.Find("#frage-3 .replay-outcome").TextContent);
        Assert.Equal("Gefragt von Stadt Kassel", view.Find("#frage-4 .question-asker").TextContent);
        Assert.DoesNotContain("Ausgeblendete Frage", view.Markup);
    }

    [Fact]
    public void The_chapters_link_into_the_recording_and_the_summary_shows_numbers_only()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model());

        var chapters = view.FindAll(".replay-chapters a.jump");
        Assert.Equal(["Aufzeichnung abspielen ab 05:12 Umsetzungsvereinbarung", "Aufzeichnung abspielen ab 36:12 Digitalisierungsberatung", "Aufzeichnung abspielen ab 1:07:12 Förderprogramme"],
            chapters.Select(a => a.TextContent));
        Assert.Equal("/events/spot-on-ozg-rueckblick/replay?t=312#aufzeichnung", chapters[0].GetAttribute("href"));

        string Count(string name) => view.Find($"dd[data-count='{name}']").ChildNodes[0].TextContent.Trim();
        Assert.Equal(("9", "1", "1", "2", "1"), (Count("received"), Count("answeredLive"), Count("answeredInWriting"), Count("open"), Count("hidden")));
        Assert.Equal(("1", "1", "3"), (Count("notReviewed"), Count("merged"), Count("rejected")));
        Assert.Equal(["doppelt gestellt: 2", "beleidigend: 1"], view.FindAll(".replay-reasons li").Select(li => li.TextContent));
    }

    [Fact]
    public void The_chapter_list_is_ready_to_paste_in_a_readonly_box_with_a_copy_button_for_the_script()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model());

        var box = view.Find("#chapter-list-text");
        Assert.True(box.HasAttribute("readonly"));
        Assert.Equal("00:00 Begrüßung\n05:12 Umsetzungsvereinbarung\n36:12 Digitalisierungsberatung\n1:07:12 Förderprogramme\n1:30:00 Abschluss", box.TextContent);
        Assert.Equal("Kapitelliste", view.Find("label[for='chapter-list-text']").TextContent);
        Assert.True(view.Find("#chapter-list-copy").HasAttribute("hidden"));
        Assert.Equal(["/events/spot-on-ozg-rueckblick/replay/transcript.md", "/events/spot-on-ozg-rueckblick/replay/transcript.csv",
            "/events/spot-on-ozg-rueckblick/replay/transcript.json", "/events/spot-on-ozg-rueckblick/replay/print"],
            view.FindAll(".replay-downloads a").Select(a => a.GetAttribute("href")!));
    }

    [Fact]
    public void When_the_rules_cannot_be_met_the_page_says_why_instead_of_offering_a_list()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model(chapters: [new(1, "Einziger Block", 0, 1800)], streamSeconds: 1805));

        Assert.Empty(view.FindAll("#chapter-list-text"));
        Assert.StartsWith("Keine Kapitelliste möglich: YouTube verlangt mindestens drei Kapitel", view.Find("#chapter-list-problem").TextContent);
    }

    [Fact]
    public void Without_a_video_there_is_no_player_and_no_jump_link()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model(video: null));

        Assert.Empty(view.FindAll("#video, #video-load, a.jump"));
        Assert.Equal("Zu dieser Veranstaltung gibt es keine Aufzeichnung.", view.Find("#no-video p").TextContent);
        Assert.DoesNotContain("youtube.com", view.Markup);
        Assert.Equal("05:12 Umsetzungsvereinbarung", view.Find(".replay-chapters li").TextContent.Trim());
    }

    [Fact]
    public void Without_questions_the_page_says_so_and_offers_no_search()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model(questions: []));

        Assert.Equal("Zu dieser Veranstaltung wurden keine Fragen veröffentlicht.", view.Find("#qa-none").TextContent);
        Assert.Empty(view.FindAll("form, .replay-question"));
    }

    [Fact]
    public void A_preview_carries_a_clear_banner()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model(preview: true));

        Assert.Equal("Vorschau – noch nicht veröffentlicht", view.Find("#replay-preview h2").TextContent);
    }

    [Fact]
    public void A_search_from_the_address_hides_what_does_not_match_and_keeps_it_in_the_jump_links()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model(), query: "gießen");

        Assert.False(view.Find("#frage-1").HasAttribute("hidden"));
        Assert.True(view.Find("#frage-2").HasAttribute("hidden"));
        Assert.True(view.FindAll(".replay-block")[1].HasAttribute("hidden"));
        Assert.Equal("1 von 4 Fragen", view.Find("#replay-count").TextContent);
        Assert.Equal("gießen", view.Find("#replay-search").GetAttribute("value"));
        Assert.Equal("/events/spot-on-ozg-rueckblick/replay?q=gie%C3%9Fen&t=972#aufzeichnung", view.Find("#frage-1 a.jump").GetAttribute("href"));
    }

    [Fact]
    public void A_jump_link_followed_without_script_shows_where_the_recording_starts()
    {
        using var culture = new Culture(German);
        var view = RenderView(Model(), start: 972);

        Assert.False(view.Find("#video-start-note").HasAttribute("hidden"));
        Assert.Equal("Die Aufzeichnung beginnt bei 16:12.", view.Find("#video-start-note").TextContent);
        Assert.Equal("972", view.Find("#video").GetAttribute("data-start"));
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=972s", view.Find("#video-external").GetAttribute("href"));
    }

    [Fact]
    public void In_English_every_part_is_English()
    {
        using var culture = new Culture(English);
        var view = RenderView(Model(preview: true), start: 972);

        Assert.Equal("Broadcast on Wednesday 1 April 2026, 10:00", view.Find("header time").TextContent);
        Assert.Equal("Preview – not published yet", view.Find("#replay-preview h2").TextContent);
        Assert.Equal("Recording", view.Find("#video-heading").TextContent);
        Assert.Equal("The recording will start at 16:12.", view.Find("#video-start-note").TextContent);
        Assert.Equal("Watch the answer from 16:12 in the recording", view.Find("#frage-1 a.jump").TextContent);
        Assert.Equal("Answer by Dr. Anna Referentin", view.Find("#frage-2 .replay-answer-by").TextContent);
        Assert.Equal("Answered in writing", view.Find("#frage-2 .replay-outcome").TextContent);
        Assert.StartsWith("00:00 Welcome\n", view.Find("#chapter-list-text").TextContent);
        Assert.EndsWith("1:30:00 Closing", view.Find("#chapter-list-text").TextContent);
        Assert.Equal("Search the questions", view.Find("label[for='replay-search']").TextContent);
        Assert.Equal(["duplicate: 2", "abusive: 1"], view.FindAll(".replay-reasons li").Select(li => li.TextContent));
        Assert.Contains("\"Js_Count\":\"{0} of {1} questions\"", view.Find("#replay-texts").TextContent);
    }

    [Fact]
    public void In_English_a_failed_chapter_list_and_an_empty_Q_and_A_are_explained_in_English()
    {
        using var culture = new Culture(English);
        var view = RenderView(Model(video: null, questions: [], chapters: []));

        Assert.Equal("No chapter list possible: no topic block was held.", view.Find("#chapter-list-problem").TextContent);
        Assert.Equal("No questions were published for this event.", view.Find("#qa-none").TextContent);
        Assert.Equal("There is no recording of this event.", view.Find("#no-video p").TextContent);
    }
}
