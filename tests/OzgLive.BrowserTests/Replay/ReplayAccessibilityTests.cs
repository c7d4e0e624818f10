using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Replay;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Replay;

/// <summary>axe (WCAG 2.1 A and AA) on the print view and a series page, in German and English, at 360 and 1280 px.</summary>
public sealed class ReplayAccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    private TestApp app = null!;
    private EventSummary published = null!;
    private Series series = null!;

    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    public async ValueTask InitializeAsync()
    {
        app = await TestApp.StartAsync();
        var store = app.Get<EventStore>();
        published = (await store.ListEventsAsync(false)).Where(e => e.Status == EventStatus.Ended).OrderByDescending(e => e.ScheduledStart).First();
        await ReplaySeed.SeedAsync(app.Get<Database>(), published.Id, publish: true);
        series = (await store.FindSeriesAsync(published.SeriesId))!;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Print_view_and_series_page_have_no_violations(string language, int width)
    {
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);

        await check.GoAsync($"/events/{published.Slug}/replay/print");
        await Expect(check.Page.Locator(".print-question")).ToHaveCountAsync(2);
        Assert.Equal(0, await check.Page.Locator("script").CountAsync());
        await check.CheckAsync("replay-print");

        await check.GoAsync($"/series/{series.Slug}");
        await Expect(check.Page.Locator("a.replay-link")).ToHaveCountAsync(1);
        await check.CheckAsync("series-page");

        check.AssertNoViolations();
    }
}
