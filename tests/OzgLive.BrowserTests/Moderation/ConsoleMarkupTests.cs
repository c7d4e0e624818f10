using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Moderation.ModerationSite;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>
/// moderate.js builds cards, notes, blocks and settings rows itself when something changes. What it
/// builds must be what the server renders for the same state: the page without JavaScript (the
/// server's markup) and the page after the script has rendered the snapshot are compared part by part.
/// </summary>
public sealed partial class ConsoleMarkupTests(BrowserFixture browser)
{
    private static readonly string[] Parts =
    [
        "[data-list=incoming]", "[data-list=approved]", "[data-list=stage]", "[data-list=answered]", "[data-list=rejected]",
        "#clock-blocks", "#start-block-number", "#backstage-list", "#question-settings", "#clock .mod-clock-buttons",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_script_renders_every_part_exactly_as_the_server_does(bool english)
    {
        await using var site = await StartAsync();
        await SetUpEveryKindOfQuestionAsync(site);

        var cookies = await site.App.SignInAsync();
        var server = await PartsAsync(site, cookies, javaScript: false, english);
        var script = await PartsAsync(site, cookies, javaScript: true, english);

        foreach (var part in Parts)
        {
            Assert.False(string.IsNullOrEmpty(server[part]), $"{part} is empty.");
            Assert.Equal(server[part], script[part]);
        }

        // Enough of the state made it into the comparison to mean something.
        Assert.Contains("q-held", server["[data-list=incoming]"], StringComparison.Ordinal);
        Assert.Contains("q-original", server["[data-list=incoming]"], StringComparison.Ordinal);
        Assert.Contains("q-pinned", server["[data-list=approved]"], StringComparison.Ordinal);
        Assert.Contains("q-answer", server["[data-list=answered]"], StringComparison.Ordinal);
        Assert.Contains("q-reason", server["[data-list=rejected]"], StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", server["[data-list=approved]"], StringComparison.Ordinal);
    }

    /// <summary>A card built after a change (not from the snapshot) matches the server's too, the stale notice included.</summary>
    [Fact]
    public async Task Cards_changed_while_the_page_is_open_match_a_fresh_server_rendering()
    {
        await using var site = await StartAsync();
        var question = await site.AskAsync("Wie geht es nach dem Start weiter?", "Anna Schmidt", "Gemeinde Musterstadt", 1);
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;

        await Card(page, question.Id).Locator("[data-action=approve]").ClickAsync();
        await Expect(page.Locator($"[data-list=approved] #q-{question.Id}")).ToBeVisibleAsync();
        await site.VoteAsync(question.Id);
        await Expect(Card(page, question.Id).Locator("[data-votes]")).ToHaveTextAsync("1");
        var seen = await site.QuestionAsync(question.Id);
        await site.Questions.EditAsync(Organiser, site.EventId, question.Id, seen.Version, "Wie geht es nach dem Start des Portals weiter?");
        await Expect(Card(page, question.Id).Locator(".q-original")).ToBeVisibleAsync();
        var rendered = Normalise(await page.Locator("[data-list=approved]").InnerHTMLAsync());

        await page.ReloadAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var fresh = Normalise(await page.Locator("[data-list=approved]").InnerHTMLAsync());
        Assert.Equal(fresh, rendered);
    }

    private static async Task SetUpEveryKindOfQuestionAsync(ModerationSite site)
    {
        var q = site.Questions;
        var held = await site.AskAsync("Ist das Portal ein Idiotentest?", "Max Muster");
        var edited = await site.AskAsync("wie lang dauert dass noch", null, "Kreis Bergstraße", 1);
        await q.EditAsync(Organiser, site.EventId, edited.Id, edited.Version, "Wie lange dauert das noch?");
        var pinned = await site.AskAsync("Gibt es <b>Vorlagen</b> & Muster?", "Lea Kraus", "Stadt Kassel", 2);
        await site.ApproveAsync(pinned.Id);
        await q.PinAsync(Organiser, site.EventId, pinned.Id, (await site.QuestionAsync(pinned.Id)).Version, true);
        var voted = await site.AskAsync("Was kostet die Beratung?");
        await site.ApproveAsync(voted.Id);
        await site.VoteAsync(voted.Id);
        await site.VoteAsync(voted.Id);
        var staged = await site.AskAsync("Wer berät die Kommunen?", null, null, 2);
        await site.ApproveAsync(staged.Id);
        await q.StageAsync(Organiser, site.EventId, staged.Id, (await site.QuestionAsync(staged.Id)).Version);
        var answered = await site.AskAsync("Wann startet Block 3?");
        await site.ApproveAsync(answered.Id);
        await q.MarkAnsweredAsync(Organiser, site.EventId, answered.Id, (await site.QuestionAsync(answered.Id)).Version, "Um 11 Uhr.");
        var rejected = await site.AskAsync("Das ist doppelt gefragt?");
        await q.RejectAsync(Organiser, site.EventId, rejected.Id, rejected.Version, RejectReason.Duplicate);
        await q.AddAsync(Organiser, site.EventId, "Aus dem YouTube-Chat: Gibt es eine Aufzeichnung?", "Chat", null, QuestionSource.YouTube, null);
        var merged = await site.AskAsync("Was kostet eigentlich die Beratung?");
        await q.MergeAsync(Organiser, site.EventId, new QuestionRef(voted.Id, (await site.QuestionAsync(voted.Id)).Version), new QuestionRef(merged.Id, merged.Version));
        var settings = (await site.SnapshotAsync()).Questions;
        await q.SetQuestionsStateAsync(Organiser, site.EventId, settings.SettingsVersion, QuestionsState.Paused, 2);

        await using var organiser = await site.App.ConnectAsync(await site.App.SignInAsync());
        await organiser.ClockAsync("StartEvent", site.EventId);
        await organiser.ClockAsync("StartBlock", site.EventId, 1);
        await organiser.ClockAsync("ExtendBlock", site.EventId, 5);
        await organiser.ClockAsync("EndBlock", site.EventId);
        await organiser.ClockAsync("StartBlock", site.EventId, 2);
        // After the blocks started: a note sent "until the next block" goes when a block starts.
        await q.SendBackstageAsync(Organiser, site.EventId, "Bitte <b>lauter</b> sprechen.");
    }

    private async Task<Dictionary<string, string>> PartsAsync(ModerationSite site, System.Net.CookieContainer cookies, bool javaScript, bool english)
    {
        await using var visit = await browser.VisitAsync(1280, 900, javaScript);
        var page = visit.Page;
        var cookieList = cookies.GetAllCookies().Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = site.App.BaseAddress.Host, Path = "/" }).ToList();
        if (english)
        {
            cookieList.Add(new Cookie { Name = ".AspNetCore.Culture", Value = "c=en-GB|uic=en-GB", Domain = site.App.BaseAddress.Host, Path = "/" });
        }

        await page.Context.AddCookiesAsync(cookieList);
        await page.GotoAsync(site.ConsoleUrl);
        await Expect(page.Locator("#queue-heading")).ToHaveTextAsync(english ? "Questions" : "Fragen");
        if (javaScript)
        {
            await Expect(page.Locator("#connection-state")).ToHaveTextAsync(english ? "Connected" : "Verbunden");
        }

        var parts = new Dictionary<string, string>();
        foreach (var part in Parts)
        {
            parts[part] = Normalise(await page.Locator(part).InnerHTMLAsync());
        }

        return parts;
    }

    private static string Normalise(string html) => Whitespace().Replace(html, "><").Trim();

    [GeneratedRegex(@">\s+<")]
    private static partial Regex Whitespace();
}
