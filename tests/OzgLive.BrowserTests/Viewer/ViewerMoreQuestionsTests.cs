using Microsoft.Playwright;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>
/// An event with more public questions than the first page (here 4, pages of 3, instead of 100 and
/// 200): the phone shows the first page and "Weitere Fragen laden" brings the rest, in Chromium
/// against the real app.
/// </summary>
public sealed class ViewerMoreQuestionsTests(BrowserFixture browser)
{
    private static readonly Dictionary<string, string?> SmallPages = new()
    {
        ["Live:FirstPageQuestions"] = "4",
        ["Live:QuestionPageSize"] = "3",
    };

    [Fact]
    public async Task A_phone_sees_the_first_page_and_loads_the_rest_by_keyboard_without_losing_the_focus()
    {
        await using var app = await TestApp.StartAsync(extra: SmallPages);
        await using var moderation = await Moderation.ConnectAsync(app);
        var texts = await AddQuestionsAsync(app, moderation, 9);
        await using var visit = await browser.VisitAsync(360, 800);
        var page = visit.Page;
        var hub = await HubLine.InstallAsync(page);
        await OpenAsync(page, app);

        // No votes yet: the list is oldest first; the first page holds the four newest.
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync(texts[5..]);
        var more = page.GetByRole(AriaRole.Button, new() { Name = "Weitere Fragen laden" });
        await Expect(more).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "viewer page at 360 px, more questions to load");
        await visit.ScreenshotAsync("viewer-more-questions-button-360");

        // The first page of the hub repeats what is shown; the one after it brings #4 and #5.
        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync(texts[3..]);
        await Expect(page.Locator("#viewer-announcer")).ToHaveTextAsync("2 weitere Fragen geladen.");
        await Expect(more).ToBeFocusedAsync();
        await Expect(more).Not.ToHaveAttributeAsync("aria-busy", "true");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#question-list .question-text")).ToHaveTextAsync(texts);
        await Expect(page.Locator("#viewer-announcer")).ToHaveTextAsync("3 weitere Fragen geladen.");
        await Expect(more).ToBeHiddenAsync();
        // The button went away: the focus is on the first question it brought, not lost to the page.
        await Expect(Question(page, texts[0])).ToBeFocusedAsync();
        Assert.True(await FitsWidthAsync(page));
        await Axe.AssertNoViolationsAsync(page, "viewer page at 360 px, every question loaded");

        // Live changes go on as before: an old question answered is updated, a new one joins the list.
        await moderation.ActAsync("MarkAnswered", texts[1], "Ja, ab Januar.");
        await Expect(Question(page, texts[1]).Locator(".question-flag")).ToHaveTextAsync("Beantwortet");
        const string newest = "Frage 10: Kommt die Aufzeichnung auch mit Untertiteln?";
        await moderation.AddAsync(newest);
        await Expect(Questions(page)).ToHaveCountAsync(10);
        await Expect(page.Locator("#viewer-announcer")).ToHaveTextAsync("Neue Frage: " + newest);

        // A missed message makes the page fetch a fresh snapshot, which holds the first page only: the
        // page loads again what the viewer had loaded, so the list does not shrink.
        var pagesBefore = hub.Sent("GetPublicQuestions");
        hub.SwallowNext("QuestionsChanged");
        const string missed = "Frage 11: Diese Nachricht geht verloren";
        await moderation.AddAsync(missed);
        await hub.SwallowedAsync();
        const string gap = "Frage 12: Nach dieser Nachricht fehlt eine Nummer";
        await moderation.AddAsync(gap);
        await Expect(Question(page, gap)).ToBeVisibleAsync();
        await Expect(Question(page, missed)).ToBeVisibleAsync();
        await Expect(Questions(page)).ToHaveCountAsync(12);
        Assert.True(hub.Sent("GetSnapshot") >= 1);
        Assert.True(hub.Sent("GetPublicQuestions") > pagesBefore);
        await Expect(more).ToBeHiddenAsync();
        await visit.ScreenshotAsync("viewer-more-questions-360");
    }

    [Fact]
    public async Task Without_JavaScript_the_button_shows_the_whole_list_and_with_it_that_address_keeps_the_whole_list()
    {
        await using var app = await TestApp.StartAsync(extra: SmallPages);
        await using var moderation = await Moderation.ConnectAsync(app);
        var texts = await AddQuestionsAsync(app, moderation, 7);

        await using var plain = await browser.VisitAsync(360, 800, javaScript: false);
        await plain.Page.GotoAsync(Url(app));
        await Expect(plain.Page.Locator("#question-list .question-text")).ToHaveTextAsync(texts[3..]);
        await plain.Page.GetByRole(AriaRole.Button, new() { Name = "Weitere Fragen laden" }).ClickAsync();
        await Expect(plain.Page.Locator("#question-list .question-text")).ToHaveTextAsync(texts);
        await Expect(plain.Page.GetByRole(AriaRole.Button, new() { Name = "Weitere Fragen laden" })).ToBeHiddenAsync();
        Assert.Contains("alle=1", plain.Page.Url);

        // The same address with JavaScript: the script joins and loads every page, so the list stays whole.
        await using var scripted = await browser.VisitAsync(360, 800);
        await OpenAsync(scripted.Page, app, new Uri(plain.Page.Url).PathAndQuery);
        await Expect(scripted.Page.Locator("#question-list .question-text")).ToHaveTextAsync(texts);
        await Expect(scripted.Page.GetByRole(AriaRole.Button, new() { Name = "Weitere Fragen laden" })).ToBeHiddenAsync();
    }

    /// <summary>Public questions added by the organiser, a minute apart, oldest first; their texts.</summary>
    private static async Task<string[]> AddQuestionsAsync(TestApp app, Moderation moderation, int count)
    {
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            texts[i] = $"Frage {i + 1}: Wie geht es mit dem Voucher weiter?";
            await moderation.AddAsync(texts[i]);
        }

        return texts;
    }
}
