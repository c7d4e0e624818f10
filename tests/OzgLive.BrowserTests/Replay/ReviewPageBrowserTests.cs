using System.Text.RegularExpressions;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.BrowserTests.Moderation;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Clock;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Replay;

/// <summary>The organiser's transcript review in Chromium: axe-core finds nothing, and hiding a question works by keyboard-reachable buttons.</summary>
public sealed class ReviewPageBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280, false)]
    [InlineData(360, true)]
    public async Task The_review_page_has_no_axe_violations_and_a_question_can_be_hidden(int width, bool english)
    {
        await using var site = await ModerationSite.StartAsync();
        var clock = site.App.Get<ClockService>();
        await clock.ExecuteAsync(site.EventId, ClockCommandKind.StartEvent, null, null, "test");
        var flagged = await site.AskAsync("Erreichbar unter 0611 123456: wo beantrage ich den Beratungsgutschein?", "Jana Beispiel", "jana@example.org");
        await site.Questions.ApproveAsync(ModerationSite.Organiser, site.EventId, flagged.Id, flagged.Version);
        var clean = await site.AskAsync("Wie digitalisieren wir trotz Personalmangel?", "Max Muster", "Stadt Wiesbaden");
        await site.Questions.ApproveAsync(ModerationSite.Organiser, site.EventId, clean.Id, clean.Version);
        await clock.ExecuteAsync(site.EventId, ClockCommandKind.EndEvent, null, null, "test");

        await using var visit = await browser.VisitAsync(width, 900);
        var page = visit.Page;
        if (english)
        {
            await page.GotoAsync(new Uri(site.App.BaseAddress, "/sprache/en?zurueck=/").ToString());
        }

        var path = $"/organisation/veranstaltungen/{site.EventId}/transkript";
        await page.GotoAsync(new Uri(site.App.BaseAddress, path).ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?"));
        await page.Locator("#email").FillAsync(TestApp.OrganiserEmail);
        await page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path)));

        await Expect(page.Locator("mark.pd-flag").First).ToBeVisibleAsync();
        await Expect(page.Locator("#publish-ConfirmFlags")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, $"transcript review ({width} px, {(english ? "en" : "de")})");
        await visit.ScreenshotAsync($"review-{width}-{(english ? "en" : "de")}");

        var hide = page.Locator($"article[data-version] button[value^='hide:']").First;
        await hide.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync(english ? "The question is hidden." : "Die Frage ist ausgeblendet.");
        await Expect(page.Locator("article.is-hidden")).ToHaveCountAsync(1);
        await Axe.AssertNoViolationsAsync(page, $"transcript review after hiding ({width} px)");
    }
}
