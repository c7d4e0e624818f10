using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Live;
using OzgLive.Web.Moderation;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>The whole console from a moderator's snapshot, in German and in English.</summary>
public sealed class ModerationConsoleTests : BunitContext
{
    public ModerationConsoleTests() => Services.AddLocalization();

    private IRenderedComponent<ModerationConsole> Console(EventSnapshot snapshot, int viewers = 0) =>
        Render<ModerationConsole>(p => p.Add(c => c.Snapshot, snapshot).Add(c => c.Viewers, viewers).Add(c => c.BaseUri, "http://127.0.0.1:5000/"));

    [Fact]
    public void The_console_shows_everything_the_snapshot_holds_at_first_paint()
    {
        using var german = Samples.Culture("de-DE");
        var console = Console(Samples.Snapshot([Samples.Question(1), Samples.Question(2, QuestionStatus.Approved)], presenterKey: "k-1"), viewers: 37);

        var root = console.Find("#moderate");
        Assert.Equal("7", root.GetAttribute("data-event-id"));
        Assert.Equal("41", root.GetAttribute("data-seq"));
        Assert.Equal("moderator", root.GetAttribute("data-role"));
        Assert.Equal("spot-on-ozg-test", root.GetAttribute("data-event-slug"));
        Assert.Equal("Spot on OZG Test", console.Find("h1").TextContent);
        Assert.Equal("Moderation · Spot on OZG", console.Find(".kicker").TextContent);
        Assert.Equal("Live", console.Find("#event-status").TextContent);
        Assert.Equal("37", console.Find("#viewer-number").TextContent);
        Assert.Equal("Zuschauende live: 37", console.Find("#viewer-count").TextContent);
        Assert.Equal("polite", console.Find("#action-status").GetAttribute("aria-live"));
        Assert.Equal("status", console.Find("#action-status").GetAttribute("role"));
        Assert.Equal(2, console.FindAll(".q-card").Count);
        Assert.Equal("Noch zwei Minuten", console.Find("#backstage-list .mod-backstage-text").TextContent);
        Assert.Equal("http://127.0.0.1:5000/events/spot-on-ozg-test/stage?key=k-1", console.Find("#presenter-url").GetAttribute("value"));
        Assert.Equal("http://127.0.0.1:5000/events/spot-on-ozg-test/stage?key=", root.GetAttribute("data-presenter-base"));
        Assert.Empty(console.FindAll("#presenter-renew"));
        Assert.Equal(7, console.FindAll("dialog.mod-dialog").Count);
        Assert.All(console.FindAll("dialog.mod-dialog"), d => Assert.NotNull(d.QuerySelector("#" + d.GetAttribute("aria-labelledby"))));
        Assert.Equal(["Beleidigend", "Doppelt", "Enthält personenbezogene Daten", "Nicht zum Thema", "Sonstiges"],
            console.FindAll("#reject-dialog .mod-choice").Select(l => l.TextContent).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Every_form_control_has_a_label()
    {
        using var german = Samples.Culture("de-DE");
        var console = Console(Samples.Snapshot([Samples.Question(1)], role: EventRole.Organiser));

        foreach (var control in console.FindAll("input:not([type=hidden]), select, textarea"))
        {
            var labelled = control.HasAttribute("aria-label") || control.HasAttribute("aria-labelledby")
                || control.Closest("label") is not null
                || (control.Id is { Length: > 0 } id && console.FindAll($"label[for='{id}']").Count == 1);
            Assert.True(labelled, $"No label: {control.OuterHtml}");
        }
    }

    [Fact]
    public void The_script_gets_every_console_text_in_the_pages_language()
    {
        using (Samples.Culture("de-DE"))
        {
            var texts = Texts(Console(Samples.Snapshot([])));
            Assert.Equal("Frage {0}", texts["Card_Number"]);
            Assert.Equal("Frage {0} wurde inzwischen von jemand anderem geändert. Der aktuelle Stand wird angezeigt – bitte erneut entscheiden.", texts["Stale_Question"]);
        }

        using (Samples.Culture("en-GB"))
        {
            var texts = Texts(Console(Samples.Snapshot([])));
            Assert.Equal("Question {0}", texts["Card_Number"]);
            Assert.Equal("Connected", texts["Connection_connected"]);
            // Every German text has its English counterpart.
            Assert.DoesNotContain(texts.Values, v => v.Contains("Frage", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void In_English_the_whole_console_speaks_English()
    {
        using var english = Samples.Culture("en-GB");
        var console = Console(Samples.Snapshot([Samples.Question(1)], role: EventRole.Organiser));

        Assert.Equal("Viewers live: 0", console.Find("#viewer-count").TextContent);
        Assert.Equal("Questions", console.Find("#queue-heading").TextContent);
        Assert.Equal("Running order and clock", console.Find("#clock-heading").TextContent);
        Assert.Equal("Keyboard shortcuts", console.Find("#shortcuts-heading").TextContent);
        Assert.Equal("Create link", console.Find("#presenter-renew").TextContent);
        Assert.Equal("Approve (question 1)", console.Find("[data-action=approve]").TextContent);
        Assert.Equal("en-GB", console.Find("#moderate").GetAttribute("data-culture"));
    }

    private static Dictionary<string, string> Texts(IRenderedComponent<ModerationConsole> console) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(console.Find("#moderate-texts").TextContent)!;
}
