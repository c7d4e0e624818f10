using System.Text.RegularExpressions;
using HubModeration = OzgLive.BrowserTests.Viewer.Moderation;
using Microsoft.Playwright;
using ModerationSite = OzgLive.BrowserTests.Moderation.ModerationSite;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.BrowserTests.Viewer;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.FollowUp;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Replay;

/// <summary>
/// The asker's private link (/fragen/{key}) and the moderators' follow-up page
/// (/events/{slug}/nachbereitung) in Chromium against the real app: the link is shown to the asker
/// only, follows the question's status, and shows a written answer once a moderator publishes it.
/// </summary>
public sealed class FollowLinkBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    [Fact]
    public async Task An_asker_gets_a_private_link_that_shows_the_status_and_nobody_else_sees_it()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await HubModeration.ConnectAsync(app);
        await moderation.ClockAsync("StartEvent");
        await using var asker = await browser.VisitAsync(1280);
        await using var other = await browser.VisitAsync(360, 800);
        var page = asker.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = app.BaseAddress.GetLeftPart(UriPartial.Authority) });
        await ViewerSite.OpenAsync(page, app);
        await ViewerSite.OpenAsync(other.Page, app);
        const string text = "Wo beantrage ich den Beratungsgutschein Digitalisierung für unseren Landkreis?";

        // By keyboard alone: type the question, then Tab past "Anonym fragen", name, organisation
        // and "merken" to the button.
        await page.Locator("#ask-text").FocusAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#ask-anonymous")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#ask-name")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#ask-remember")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#ask-submit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        var box = page.Locator("#ask-link");
        await Expect(box).ToBeVisibleAsync();
        await Expect(box.Locator("#ask-link-intro")).ToContainTextAsync("Ihr privater Link zu dieser Frage:");
        var link = box.Locator("#ask-link-url");
        await Expect(link).ToHaveTextAsync(new Regex("^" + Regex.Escape(app.BaseAddress.GetLeftPart(UriPartial.Authority)) + "/fragen/[A-Za-z0-9_-]+$"));
        var url = (await link.TextContentAsync())!;
        Assert.Equal(url, await link.GetAttributeAsync("href"));
        var key = url[(url.LastIndexOf('/') + 1)..];
        Assert.True(FollowKeys.LooksValid(key), key);

        var copy = box.GetByRole(AriaRole.Button, new() { Name = "Link kopieren" });
        await copy.ClickAsync();
        await Expect(page.Locator("#ask-link-copied")).ToHaveTextAsync("Der Link ist kopiert.");
        Assert.Equal(url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await asker.ScreenshotAsync("follow-ask-link-1280");

        // The link also stays with the question under "my questions".
        var mine = ViewerSite.MyQuestions(page);
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine.Locator("a[data-field='link']")).ToHaveAttributeAsync("href", url);
        await Expect(mine.Locator("a[data-field='link']")).ToHaveTextAsync("Privater Link zu dieser Frage");

        var follow = await page.Context.NewPageAsync();
        var response = await follow.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        await Expect(follow.Locator("h1")).ToHaveTextAsync("Ihre Frage");
        await Expect(follow.Locator("#follow-text")).ToHaveTextAsync(text);
        await Expect(follow.Locator("#follow-status")).ToHaveTextAsync("Wartet auf Freigabe");
        await Expect(follow.Locator("#follow-status-detail")).ToHaveTextAsync("Die Moderation sieht sich Ihre Frage bald an.");

        await moderation.ApproveAsync(text);
        await Expect(mine.Locator(".status-label")).ToHaveTextAsync("freigegeben");
        await follow.ReloadAsync();
        await Expect(follow.Locator("#follow-status")).ToHaveTextAsync("Freigegeben – wartet auf die Beantwortung");

        // The other viewer sees the approved question, but neither the link nor its key anywhere.
        await Expect(ViewerSite.Question(other.Page, text)).ToHaveCountAsync(1);
        await Expect(other.Page.Locator("#ask-link")).ToBeHiddenAsync();
        await Expect(other.Page.Locator("#mine")).ToBeHiddenAsync();
        Assert.DoesNotContain(key, await other.Page.ContentAsync());
        await other.Page.ReloadAsync();
        await Expect(other.Page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(ViewerSite.Question(other.Page, text)).ToHaveCountAsync(1);
        Assert.DoesNotContain(key, await other.Page.ContentAsync());
        Assert.DoesNotContain(other.Requests, r => r.Contains(key, StringComparison.Ordinal));
        ViewerSite.AssertOnlyLocalRequests(asker.Requests, app);
    }

    [Fact]
    public async Task Without_clipboard_permission_the_copy_button_still_says_what_happened()
    {
        await using var app = await TestApp.StartAsync();
        await using var visit = await browser.VisitAsync(360, 800);
        var page = visit.Page;
        await ViewerSite.OpenAsync(page, app);
        // As in a browser that refuses: the script must fall back to selecting the link.
        await page.EvaluateAsync("() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } })");

        await ViewerSite.AskAsync(page, "Gibt es Vorlagen für die Ausschreibung der Beratung?");
        await Expect(page.Locator("#ask-link")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Link kopieren" }).ClickAsync();

        await Expect(page.Locator("#ask-link-copied")).ToHaveTextAsync("Kopieren ging nicht – bitte markieren und kopieren Sie den Link selbst.");
        Assert.Equal(await page.Locator("#ask-link-url").TextContentAsync(), await page.EvaluateAsync<string>("() => window.getSelection().toString()"));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Follow_page_in_each_state_and_the_follow_up_page_have_no_violations(string language, int width)
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await HubModeration.ConnectAsync(app);
        await moderation.ClockAsync("StartEvent");
        var pending = await AskAsync(app, moderation.EventId, "Wie digitalisieren wir trotz Personalmangel in der Verwaltung?", "Jana Beispiel", "Landkreis Gießen");
        var written = await AskAsync(app, moderation.EventId, "Welche Förderprogramme gibt es für kleine Gemeinden?", null, null);
        var rejected = await AskAsync(app, moderation.EventId, "Wo beantrage ich den Beratungsgutschein noch einmal?", null, null);
        await moderation.ApproveAsync(written.Text);
        await moderation.ActAsync("RejectQuestion", rejected.Text, "duplicate");

        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);
        await check.GoAsync($"/fragen/{pending.Key}");
        await Expect(check.Page.Locator(".follow-status")).ToHaveAttributeAsync("data-status", "Pending");
        await check.CheckAsync("follow-pending");
        await check.GoAsync($"/fragen/{rejected.Key}");
        await Expect(check.Page.Locator(".follow-status")).ToHaveAttributeAsync("data-status", "Rejected");
        await check.CheckAsync("follow-rejected");

        app.Time.Advance(TimeSpan.FromMinutes(20));
        await moderation.ClockAsync("EndEvent");
        var email = $"mod-{Guid.NewGuid():N}@test.local";
        await app.CreateModeratorAsync(email, moderation.EventId);

        // The moderator signs in on the real login form, in the language already chosen.
        await check.GoAsync($"/login?ReturnUrl={Uri.EscapeDataString(FollowUpPath)}");
        await check.Page.Locator("#email").FillAsync(email);
        await check.Page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await check.Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(check.Page).ToHaveURLAsync(new Regex(Regex.Escape(FollowUpPath) + "$"));
        await Expect(check.Page.Locator(".followup-question")).ToHaveCountAsync(1);
        // Names what sticks out, should the page scroll sideways (a long e-mail address in the header did).
        await ModerationSite.AssertFitsWidthAsync(check.Page);
        await check.CheckAsync("follow-up");

        var row = await RowAsync(app, moderation.EventId, written.Id);
        await app.Get<FollowUpAnswers>().WriteAsync("account:1", moderation.EventId, row.Id, row.Version, FollowUpAction.Publish,
            "Das Land fördert kleine Gemeinden über das Programm „Digitale Kommune“.\n\nAnträge nimmt die Kommunalaufsicht entgegen.", "Erika Moderation");
        await check.GoAsync(FollowUpPath);
        await Expect(check.Page.Locator(".followup-question .status-label")).ToContainTextAsync(language == "de" ? "veröffentlicht am" : "published");
        await check.CheckAsync("follow-up-published");

        await check.GoAsync($"/fragen/{written.Key}");
        await Expect(check.Page.Locator(".follow-status")).ToHaveAttributeAsync("data-status", "AnsweredInWriting");
        await Expect(check.Page.Locator("#follow-answer p")).ToHaveCountAsync(2);
        await check.CheckAsync("follow-answered");
        await check.GoAsync($"/fragen/{rejected.Key}");
        await Expect(check.Page.Locator(".follow-status")).ToHaveAttributeAsync("data-status", "Rejected");
        await check.CheckAsync("follow-rejected-ended");

        check.AssertNoViolations();
    }

    [Fact]
    public async Task A_moderator_publishes_a_written_answer_by_keyboard_and_the_asker_reads_it_on_the_private_link()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await HubModeration.ConnectAsync(app);
        await moderation.ClockAsync("StartEvent");
        var asked = await AskAsync(app, moderation.EventId, "Wie finanzieren wir die OZG-Folgekosten nach dem Ende der Förderung?", "Anna Schmidt", "Gemeinde Musterstadt");
        await moderation.ApproveAsync(asked.Text);
        app.Time.Advance(TimeSpan.FromMinutes(20));
        await moderation.ClockAsync("EndEvent");
        var row = await RowAsync(app, moderation.EventId, asked.Id);
        var email = $"mod-{Guid.NewGuid():N}@test.local";
        await app.CreateModeratorAsync(email, moderation.EventId);

        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, FollowUpPath).ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?"));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await page.Locator("#password").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(FollowUpPath) + "$"));

        var card = page.Locator($"#frage-{row.Id}");
        await Expect(card.Locator(".question-text")).ToHaveTextAsync(asked.Text);
        await Expect(card.Locator(".status-label")).ToHaveTextAsync("Offen");
        await card.GetByLabel("Antwort", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("Über das Programm „Digitale Kommune“.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Mehr dazu im Rundschreiben des Landes.");
        // Tab: "Antwort von" (a speaker of the block or the moderator), the other name, draft, publish.
        await page.Keyboard.PressAsync("Tab");
        await Expect(card.GetByLabel("Antwort von", new() { Exact = true })).ToBeFocusedAsync();
        var by = await card.GetByLabel("Antwort von", new() { Exact = true }).InputValueAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Als Entwurf speichern" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var publish = card.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" });
        await Expect(publish).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"\\?hinweis=veroeffentlicht#frage-{row.Id}$"));
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("Antwort veröffentlicht.");
        card = page.Locator($"#frage-{row.Id}");
        await Expect(card.Locator(".status-label")).ToHaveTextAsync(new Regex("^Schriftlich beantwortet, veröffentlicht am "));
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichung zurücknehmen" })).ToBeVisibleAsync();
        await Expect(card.GetByLabel("Antwort", new() { Exact = true })).ToHaveValueAsync("Über das Programm „Digitale Kommune“.\n\nMehr dazu im Rundschreiben des Landes.");
        await visit.ScreenshotAsync("follow-up-published-1280");

        await using var askerVisit = await browser.VisitAsync(360, 800);
        await askerVisit.Page.GotoAsync(new Uri(app.BaseAddress, $"/fragen/{asked.Key}").ToString());
        await Expect(askerVisit.Page.Locator("#follow-status")).ToHaveTextAsync("Schriftlich beantwortet");
        await Expect(askerVisit.Page.Locator("#follow-answer p")).ToHaveTextAsync(["Über das Programm „Digitale Kommune“.", "Mehr dazu im Rundschreiben des Landes."]);
        await Expect(askerVisit.Page.Locator("#follow-answer-by")).ToHaveTextAsync("Antwort von " + by);
        await askerVisit.ScreenshotAsync("follow-page-answered-360");
    }

    private static string FollowUpPath => $"/events/{ViewerSite.Slug}/nachbereitung";

    private sealed record Asked(long Id, string Text, string Key);

    /// <summary>A new viewer asks over the hub, as the page's script does, and keeps the private key it gets back.</summary>
    private static async Task<Asked> AskAsync(TestApp app, long eventId, string text, string? name, string? organisation)
    {
        await using var viewer = await app.ConnectAsync();
        await viewer.InvokeAsync("IdentifyViewer", (string?)null);
        var own = await viewer.InvokeAsync("AskQuestion", eventId, new { clientId = Guid.NewGuid().ToString("N"), text, displayName = name, organisation, blockNumber = 1 });
        return new Asked(own.GetProperty("id").GetInt64(), text, own.GetProperty("followKey").GetString()!);
    }

    private static async Task<TranscriptQuestion> RowAsync(TestApp app, long eventId, long questionId) =>
        (await app.Get<TranscriptStore>().LoadAsync(eventId))!.Questions.Single(q => q.QuestionId == questionId);
}
