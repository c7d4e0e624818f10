using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Live;
using OzgLive.Web.Moderation;
using OzgLive.Web.Questions;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>The tools beside the questions: presenter link, backstage notes, question settings, shortcuts.</summary>
public sealed class ToolPanelTests : BunitContext
{
    private readonly IDisposable culture = Samples.Culture("de-DE");

    public ToolPanelTests() => Services.AddLocalization();

    protected override void Dispose(bool disposing)
    {
        culture.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public void With_a_key_the_presenter_link_is_shown_to_copy()
    {
        const string url = "http://127.0.0.1:5000/events/spot-on-ozg-test/stage?key=abc_123";
        var panel = Render<PresenterLinkPanel>(p => p.Add(x => x.Url, url));

        Assert.False(panel.Find("#presenter-with-key").HasAttribute("hidden"));
        Assert.Equal(url, panel.Find("#presenter-url").GetAttribute("value"));
        Assert.True(panel.Find("#presenter-url").HasAttribute("readonly"));
        Assert.Equal("Adresse", panel.Find("label[for=presenter-url]").TextContent);
        Assert.Equal("Link kopieren", panel.Find("#presenter-copy").TextContent);
        Assert.True(panel.Find("#presenter-no-key").HasAttribute("hidden"));
        // Moderators copy the link; renewing and revoking it is for organisers.
        Assert.Empty(panel.FindAll("#presenter-renew, #presenter-revoke"));
    }

    [Fact]
    public void Without_a_key_a_moderator_is_told_who_can_make_one()
    {
        var panel = Render<PresenterLinkPanel>(p => p.Add(x => x.Url, null));

        Assert.True(panel.Find("#presenter-with-key").HasAttribute("hidden"));
        Assert.Equal("Es gibt gerade keinen Link. Die Organisation kann einen erzeugen.", panel.Find("#presenter-no-key").TextContent);
        Assert.False(panel.Find("#presenter-no-key").HasAttribute("hidden"));
    }

    [Fact]
    public void An_organiser_can_create_renew_and_revoke_the_link()
    {
        var without = Render<PresenterLinkPanel>(p => p.Add(x => x.Url, null).Add(x => x.CanManage, true));
        Assert.Equal("Link erzeugen", without.Find("#presenter-renew").TextContent);
        Assert.True(without.Find("#presenter-revoke").HasAttribute("hidden"));
        Assert.Equal("Es gibt noch keinen Link. Erzeugen Sie einen für die Referierenden.", without.Find("#presenter-no-key").TextContent);

        var with = Render<PresenterLinkPanel>(p => p.Add(x => x.Url, "http://x/events/a/stage?key=k").Add(x => x.CanManage, true));
        Assert.Equal("Neuen Link erzeugen", with.Find("#presenter-renew").TextContent);
        Assert.False(with.Find("#presenter-revoke").HasAttribute("hidden"));
    }

    [Fact]
    public void Backstage_notes_are_listed_with_time_and_a_labelled_dismiss_button()
    {
        var panel = Render<BackstagePanel>(p => p.Add(x => x.Messages, [new BackstageMessage(4, "Noch zwei Minuten", Samples.Asked)]));

        var item = panel.Find("#backstage-list li");
        Assert.Equal("4", item.GetAttribute("data-message-id"));
        Assert.Equal("Noch zwei Minuten", item.QuerySelector(".mod-backstage-text")!.TextContent);
        Assert.Equal("10:41 Uhr", item.QuerySelector("time")!.TextContent);
        Assert.Equal("Ausblenden: Noch zwei Minuten", item.QuerySelector("button[data-dismiss='4']")!.TextContent);
        Assert.True(panel.Find("#backstage-empty").HasAttribute("hidden"));
        Assert.Equal("280", panel.Find("#backstage-text").GetAttribute("maxlength"));
        Assert.Equal("Nachricht für die Referierendenansicht", panel.Find("label[for=backstage-text]").TextContent);
    }

    [Fact]
    public void Without_backstage_notes_the_panel_says_so()
    {
        var panel = Render<BackstagePanel>(p => p.Add(x => x.Messages, []));

        Assert.Empty(panel.FindAll("#backstage-list li"));
        Assert.False(panel.Find("#backstage-empty").HasAttribute("hidden"));
        Assert.Equal("Keine Nachricht angezeigt.", panel.Find("#backstage-empty").TextContent);
    }

    [Fact]
    public void Question_settings_show_the_chosen_state_for_the_event_and_each_block()
    {
        var panel = Render<QuestionSettingsPanel>(p => p
            .Add(x => x.Settings, Samples.Settings(QuestionsState.Paused, autoApprove: true))
            .Add(x => x.Event, Samples.Event()));

        Assert.Equal("5", panel.Find("#question-settings").GetAttribute("data-settings-version"));
        Assert.True(panel.Find("#auto-approve").HasAttribute("checked"));
        var rows = panel.FindAll(".mod-state-row");
        Assert.Equal(["", "1", "2", "3"], rows.Select(r => r.GetAttribute("data-scope")!).ToArray());
        Assert.Equal(["Ganze Veranstaltung", "Block 1: Themenblock 1", "Block 2: Themenblock 2", "Block 3: Themenblock 3"],
            rows.Select(r => r.QuerySelector(".mod-state-label")!.TextContent).ToArray());
        string Pressed(int row) => rows[row].QuerySelector("[aria-pressed=true]")!.GetAttribute("data-questions-state")!;
        Assert.Equal("paused", Pressed(0));
        Assert.Equal("open", Pressed(1));
        Assert.Equal("closed", Pressed(2));
        Assert.All(rows, r => Assert.Equal(2, r.QuerySelectorAll("[aria-pressed=false]").Length));
        Assert.Equal(rows[0].QuerySelector(".mod-state-label")!.Id, rows[0].GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void The_shortcuts_are_listed_on_screen()
    {
        var help = Render<ShortcutHelp>();

        var keys = help.FindAll(".mod-keys > div").ToDictionary(d => d.QuerySelector("dd")!.TextContent, d => d.QuerySelector("dt")!.TextContent);
        Assert.Equal("A", keys["Freigeben"]);
        Assert.Equal("R", keys["Ablehnen (Grund wählen)"]);
        Assert.Equal("S", keys["Auf die Bühne"]);
        Assert.Equal("B", keys["Beantwortet"]);
        Assert.Equal("J oder ↓", keys["Nächste Frage wählen"]);
        Assert.Equal("K oder ↑", keys["Vorige Frage wählen"]);
    }
}
