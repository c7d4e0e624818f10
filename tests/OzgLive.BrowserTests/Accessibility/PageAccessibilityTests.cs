using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Accessibility;

/// <summary>The demo site, shared by the checks that only read it (a failed sign-in uses an unknown address, so nothing locks).</summary>
public sealed class DemoSiteFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public LiveEvent DemoEvent { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.StartAsync();
        DemoEvent = (await App.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>axe (WCAG 2.1 A and AA) on every page in its main states, in German and English, at 360 and 1280 px.</summary>
public sealed class PageAccessibilityTests(BrowserFixture browser, DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Public_pages_have_no_violations(string language, int width)
    {
        await using var check = await AccessibilityCheck.StartAsync(browser, site.App, language, width);

        await check.GoAsync("/");
        await Expect(check.Page.Locator("#upcoming-heading")).ToBeVisibleAsync();
        await check.CheckAsync("home");

        await check.GoAsync($"/events/{DemoContent.SpotOnOzgSlug}");
        await Expect(check.Page.Locator("#blocks > li")).ToHaveCountAsync(3);
        await check.CheckAsync("event-not-started");

        await check.GoAsync($"/barrierefreiheit?seite=%2Fevents%2F{DemoContent.SpotOnOzgSlug}");
        await Expect(check.Page.Locator("h1")).ToHaveTextAsync(language == "de" ? "Erklärung zur Barrierefreiheit" : "Accessibility statement");
        await check.CheckAsync("accessibility-statement");

        var missing = await check.GoAsync("/diese-seite-gibt-es-nicht");
        Assert.Equal((int)HttpStatusCode.NotFound, missing!.Status);
        await Expect(check.Page.Locator("h1")).ToHaveTextAsync(language == "de" ? "Seite nicht gefunden" : "Page not found");
        await check.CheckAsync("not-found");

        check.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Sign_in_page_has_no_violations_empty_and_with_an_error(string language, int width)
    {
        await using var check = await AccessibilityCheck.StartAsync(browser, site.App, language, width);

        await check.GoAsync("/login");
        await check.CheckAsync("login");

        await check.Page.FillAsync("#email", "niemand@test.local");
        await check.Page.FillAsync("#password", "falsches-passwort");
        await check.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(check.Page.Locator("#login-error")).ToHaveTextAsync(
            language == "de" ? "E-Mail-Adresse oder Passwort ist falsch." : "The e-mail address or the password is wrong.");
        await Expect(check.Page.Locator("#email")).ToHaveAttributeAsync("aria-describedby", "login-error");
        await check.CheckAsync("login-error");

        check.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Organiser_pages_have_no_violations_including_a_refused_form(string language, int width)
    {
        await using var check = await AccessibilityCheck.StartAsync(browser, site.App, language, width);
        var page = check.Page;
        await check.GoAsync("/login?returnUrl=%2Forganisation");
        await page.FillAsync("#email", TestApp.OrganiserEmail);
        await page.FillAsync("#password", TestApp.OrganiserPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(check.Url("/organisation"));

        await Expect(page.Locator("main h1")).ToHaveTextAsync("Organisation");
        await check.CheckAsync("organisation-overview");

        var ev = site.DemoEvent;
        await check.GoAsync($"/organisation/veranstaltungen/{ev.Id}");
        await check.CheckAsync("organisation-event");

        // Refused: no title. The summary and the field name the problem, and the field points at its message.
        await page.FillAsync("#event-Title", "");
        await page.Locator("#event-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#event-errors")).ToBeVisibleAsync();
        var title = page.Locator("#event-Title");
        await Expect(title).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(title).ToHaveAttributeAsync("aria-describedby", "event-Title-error");
        await Expect(page.Locator("#event-Title-error")).ToHaveTextAsync("Bitte einen Titel angeben.");
        // The domain's messages are German only: an English page says so, for screen readers.
        if (language == "en")
        {
            await Expect(page.Locator("#event-Title-error")).ToHaveAttributeAsync("lang", "de");
            await Expect(page.Locator("#event-errors h2")).ToHaveTextAsync("Please check your input");
        }

        await check.CheckAsync("organisation-event-refused");

        await check.GoAsync($"/organisation/bloecke/{ev.Blocks[0].Id}");
        await Expect(page.Locator("#block-Title")).ToHaveValueAsync(ev.Blocks[0].Title);
        await check.CheckAsync("organisation-block");

        await check.GoAsync($"/organisation/series/{ev.SeriesId}");
        await check.CheckAsync("organisation-series");

        check.AssertNoViolations();
    }
}

/// <summary>The states that need their own site: a live event, and no events at all.</summary>
public sealed class LiveAndEmptyAccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Start_page_and_event_page_have_no_violations_while_a_block_runs(string language, int width)
    {
        await using var app = await TestApp.StartAsync();
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("eventId").GetInt64();
        await organiser.ClockAsync("StartEvent", eventId);
        await organiser.ClockAsync("StartBlock", eventId, 1);

        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);
        await check.GoAsync("/");
        await Expect(check.Page.Locator("#live-heading")).ToBeVisibleAsync();
        await check.CheckAsync("home-live");

        await check.GoAsync($"/events/{DemoContent.SpotOnOzgSlug}");
        await Expect(check.Page.Locator("#blocks > li[data-block='1']")).ToHaveAttributeAsync("aria-current", "true");
        await check.CheckAsync("event-block-running");

        check.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Start_page_without_any_event_has_no_violations(string language, int width)
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);
        await check.GoAsync("/");
        await Expect(check.Page.Locator("main p")).ToHaveTextAsync(language == "de" ? "Noch keine Veranstaltungen." : "No events yet.");
        await check.CheckAsync("home-empty");
        check.AssertNoViolations();
    }
}
