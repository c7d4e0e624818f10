using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests;

public sealed class HomePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Start_page_lists_live_events_first_then_upcoming_then_the_archive_by_series()
    {
        await using var app = await TestApp.StartAsync();
        await using var visit = await browser.VisitAsync(1280);
        var page = visit.Page;
        await page.GotoAsync(app.BaseAddress.ToString());

        await Expect(page.Locator("main h2")).ToHaveTextAsync(["Demnächst", "Vergangene Veranstaltungen"]);
        await Expect(page.Locator("main h3")).ToHaveTextAsync(["Spot on OZG", "OZG-Marketing und -Kommunikation: Workshop-Reihe"]);
        var upcoming = page.Locator("section[aria-labelledby='upcoming-heading'] .event-item");
        await Expect(upcoming).ToHaveCountAsync(1);
        await Expect(upcoming.Locator(".event-link")).ToHaveAttributeAsync("href", $"/events/{DemoContent.SpotOnOzgSlug}");
        await Expect(upcoming.Locator(".badge")).ToHaveTextAsync("Geplant");

        // The archive: newest first within the series (the demo's Rückblick, then the four workshops).
        var archived = page.Locator("section[aria-labelledby='archive-heading'] .event-item time");
        await Expect(archived).ToHaveCountAsync(5);
        await Expect(page.Locator("section[aria-labelledby='archive-heading'] a.replay-link")).ToHaveAttributeAsync("href", $"/events/{DemoContent.ReplaySlug}/replay");
        var dates = new List<DateTimeOffset>();
        foreach (var time in await archived.AllAsync())
        {
            dates.Add(DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(dates.OrderByDescending(d => d), dates);
        await visit.ScreenshotAsync("home-1280");

        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await page.ReloadAsync();

        await Expect(page.Locator("main h2")).ToHaveTextAsync(["Jetzt live", "Vergangene Veranstaltungen"]);
        var live = page.Locator("section[aria-labelledby='live-heading'] .event-item");
        await Expect(live.Locator(".event-link")).ToHaveAttributeAsync("href", $"/events/{DemoContent.SpotOnOzgSlug}");
        await Expect(live.Locator(".badge")).ToHaveTextAsync("Live");

        await page.SetViewportSizeAsync(360, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The start page scrolls sideways at 360 px.");
        await visit.ScreenshotAsync("home-live-360");
        EventPageTests.AssertOnlyLocalRequests(visit, app);
    }
}
