using Dapper;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Replay;

/// <summary>
/// axe (WCAG 2.1 A and AA) on the finished demo broadcast's replay page with its polls, and on the
/// printable poll results, in German and English, at 360 and 1280 px.
/// </summary>
public sealed class PollReplayAccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    // The finished demo broadcast (Demo/DemoReplay.cs), which has a poll with results per block.
    private const string Slug = "spot-on-ozg-rueckblick";

    private TestApp app = null!;

    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    public async ValueTask InitializeAsync()
    {
        app = await TestApp.StartAsync();
        var ended = (await app.Get<EventStore>().FindBySlugAsync(Slug))!;
        // Published, as an organiser would after the review: the public sees it.
        await using var connection = app.Get<Database>().Open();
        await connection.ExecuteAsync("UPDATE events SET status = 'published', published_utc = @now WHERE id = @id", new { now = app.Time.GetUtcNow(), id = ended.Id });
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Replay_page_with_polls_and_printable_results_have_no_violations(string language, int width)
    {
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);

        await check.GoAsync($"/events/{Slug}/replay");
        await Expect(check.Page.Locator("#umfragen .poll-results")).ToHaveCountAsync(3);
        await Expect(check.Page.GetByRole(Microsoft.Playwright.AriaRole.Table).First).ToBeVisibleAsync();
        await check.CheckAsync("replay-polls");

        await check.GoAsync($"/events/{Slug}/replay/umfragen");
        await Expect(check.Page.Locator(".poll-results")).ToHaveCountAsync(3);
        await check.CheckAsync("poll-results-print");

        check.AssertNoViolations();
    }
}
