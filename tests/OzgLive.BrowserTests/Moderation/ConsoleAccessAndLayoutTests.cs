using System.Net;
using System.Text.RegularExpressions;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Moderation.ModerationSite;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>Who gets the console, and how it looks at 360 and 1280 pixels.</summary>
public sealed class ConsoleAccessAndLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_and_come_back_to_the_console()
    {
        await using var site = await StartAsync();
        var moderator = await site.CreateModeratorAsync();
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;

        var response = await page.GotoAsync(site.ConsoleUrl);
        await Expect(page).ToHaveURLAsync(new Regex($"/login\\?ReturnUrl=%2Fevents%2F{Slug}%2Fmoderate$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Anmelden");
        Assert.Empty(await page.Locator("#moderate").AllAsync());

        await page.Locator("#email").FillAsync(moderator);
        await page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(site.ConsoleUrl);
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Spot on OZG HE – Der Hessische Weg: Erfolg durch gemeinsames Handeln");
        Assert.NotNull(response);
    }

    [Fact]
    public async Task A_moderator_of_another_event_gets_no_console_and_a_clear_message()
    {
        await using var site = await StartAsync();
        var stranger = await site.CreateModeratorAsync(assigned: false);

        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(site.ConsoleUrl);
        await page.Locator("#email").FillAsync(stranger);
        await page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await page.Locator("main button[type=submit]").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Kein Zugriff");
        await Expect(page.Locator("main")).ToContainTextAsync("Sie moderieren diese Veranstaltung nicht.");
        await Expect(page.Locator("#moderate")).ToHaveCountAsync(0);
        await Expect(page.Locator("main a[href='/events/" + Slug + "']")).ToBeVisibleAsync();

        // Over HTTP the refusal is a 403, and the page carries nothing of the queue.
        var question = await site.AskAsync("Eine Frage, die nur Moderierende sehen dürfen?");
        using var client = site.App.CreateClient(await site.App.SignInAsync(stranger, TestApp.OrganiserPassword));
        var answer = await client.GetAsync($"/events/{Slug}/moderate");
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.DoesNotContain(question.Text, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = site.App.CreateClient();
        var redirect = await anonymous.GetAsync($"/events/{Slug}/moderate");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/login", redirect.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Columns_side_by_side_at_1280_and_tabs_at_360_with_screenshots()
    {
        await using var site = await StartAsync();
        var held = await site.AskAsync("Warum ist das Portal so ein Idiotenprojekt?", "Max Muster");
        var first = await site.AskAsync("Wo beantrage ich den Voucher für die Digitalisierungsberatung?", "Anna Schmidt", "Gemeinde Musterstadt", 1);
        var second = await site.AskAsync("Wie lange dauert die Umsetzung in kleinen Kommunen?", null, "Kreis Bergstraße", 2);
        await site.ApproveAsync(second.Id);
        var third = await site.AskAsync("Gibt es Vorlagen für die Kommunikation mit Bürgerinnen und Bürgern?", "Lea Kraus");
        await site.ApproveAsync(third.Id);
        await site.VoteAsync(third.Id);
        await site.Questions.StageAsync(Organiser, site.EventId, third.Id, (await site.QuestionAsync(third.Id)).Version);
        await site.Questions.SendBackstageAsync(Organiser, site.EventId, "Bitte die nächste Frage aus Block 2 nehmen.");
        await using var organiser = await site.App.ConnectAsync(await site.App.SignInAsync());
        await organiser.ClockAsync("StartEvent", site.EventId);
        await organiser.ClockAsync("StartBlock", site.EventId, 1);

        await using var visit = await site.OpenConsoleAsync(browser, width: 1280);
        var page = visit.Page;
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
        await Expect(page.Locator("#queue-tabs")).ToBeHiddenAsync();
        foreach (var column in new[] { "incoming", "approved", "stage", "answered", "rejected" })
        {
            await Expect(page.Locator($"#col-{column}")).ToBeVisibleAsync();
        }

        await Expect(Column(page, "incoming")).ToHaveCountAsync(2);
        await Expect(Card(page, held.Id).Locator(".q-held-reason")).ToHaveTextAsync("Zurückgehalten: Wortliste: „idiot*“");
        // Side by side: the first two columns start at the same height.
        var incoming = (await page.Locator("#col-incoming").BoundingBoxAsync())!;
        var approved = (await page.Locator("#col-approved").BoundingBoxAsync())!;
        Assert.Equal(incoming.Y, approved.Y, 1.0);
        Assert.True(approved.X > incoming.X + incoming.Width - 1, "The approved column is not beside the incoming one.");
        await AssertFitsWidthAsync(page);
        await visit.ScreenshotAsync("moderate-1280");
        await page.EmulateMediaAsync(new() { ColorScheme = Microsoft.Playwright.ColorScheme.Dark });
        // Buttons fade between colours (site.css): let the fades finish before the picture (endless
        // animations, which never finish, aside).
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect.getComputedTiming().endTime !== Infinity).map(a => a.finished))");
        await visit.ScreenshotAsync("moderate-1280-dark");
        await page.EmulateMediaAsync(new() { ColorScheme = Microsoft.Playwright.ColorScheme.Light });

        await page.SetViewportSizeAsync(360, 800);
        var tabs = page.Locator("#queue-tabs [role=tab]");
        await Expect(tabs).ToHaveCountAsync(5);
        await Expect(tabs.Nth(0)).ToHaveTextAsync("Eingang 2");
        await Expect(tabs.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#col-incoming")).ToBeVisibleAsync();
        await Expect(page.Locator("#col-approved")).ToBeHiddenAsync();
        await Expect(page.Locator("#col-incoming")).ToHaveAttributeAsync("role", "tabpanel");
        await AssertFitsWidthAsync(page);
        await visit.ScreenshotAsync("moderate-360");
        await ScreenshotInPartsAsync(page, "moderate-360");

        // Tabs work with the keyboard: arrow to the next tab shows its column.
        await tabs.Nth(0).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(tabs.Nth(1)).ToBeFocusedAsync();
        await Expect(tabs.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#col-approved")).ToBeVisibleAsync();
        await Expect(page.Locator("#col-incoming")).ToBeHiddenAsync();
        await tabs.Nth(2).ClickAsync();
        await Expect(Column(page, "stage")).ToHaveCountAsync(1);
        await Expect(Card(page, third.Id)).ToBeVisibleAsync();
        await visit.ScreenshotAsync("moderate-stage-tab-360");
        EventPageTests.AssertOnlyLocalRequests(visit, site.App);
    }

    [Fact]
    public async Task The_console_is_available_in_English()
    {
        await using var site = await StartAsync();
        var question = await site.AskAsync("Where do I apply for the voucher?");
        await using var visit = await site.OpenConsoleAsync(browser, english: true);
        var page = visit.Page;

        await Expect(page.Locator("#queue-heading")).ToHaveTextAsync("Questions");
        await Expect(Card(page, question.Id).Locator("[data-action=approve]")).ToHaveTextAsync("Approve (question " + question.Id + ")");
        await Card(page, question.Id).Locator("[data-action=approve]").ClickAsync();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync($"Question {question.Id} approved.");
        await Expect(Card(page, question.Id).Locator(".q-badge-approved")).ToHaveTextAsync("Approved");
        Assert.Equal(QuestionStatus.Approved, (await site.QuestionAsync(question.Id)).Status);
        await visit.ScreenshotAsync("moderate-english-1280");
    }
}
