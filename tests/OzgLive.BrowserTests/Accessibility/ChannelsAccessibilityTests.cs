using Microsoft.Playwright;
using OzgLive.BrowserTests.Moderation;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Channels;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Stage;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Accessibility;

/// <summary>
/// axe (WCAG 2.1 A and AA) on issue 12's screens in the states no other check reaches, in German and
/// English, at 360 and 1280 px: the join page with an unknown code, the organiser's Kanäle section
/// with an overlay link, partner sites and a refused entry, the console filtered by a channel with
/// the tools drawer (Stage-QR and overlay panels) open, the stream overlay, and the presenter screen
/// with the join QR code.
/// </summary>
public sealed class ChannelsAccessibilityTests(BrowserFixture browser)
{
    private const string Slug = DemoContent.SpotOnOzgSlug;
    private const string Partner = "https://partner.example";

    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Join_page_Kanaele_section_console_with_channels_and_overlay_have_no_violations(string language, int width)
    {
        await using var app = await TestApp.StartAsync();
        var ev = (await app.Get<EventStore>().FindBySlugAsync(Slug))!;
        var overlayKey = await app.Get<OverlayKeys>().RegenerateAsync(ev.Id, "test");
        await app.Get<PartnerOrigins>().SaveAsync(ev.Id, [Partner]);
        var questions = app.Get<QuestionService>();
        var viewer = new Caller("viewer-a11y", "10.1.1.1", "viewer:viewer-a11y");
        var organiser = new Caller(null, "127.0.0.1", "account:1");
        await questions.AskAsync(viewer, ev.Id, "q-live", "Wie kommen kleine Kommunen an Fördermittel?", "Anna Schmidt", null, 1);
        await questions.AskAsync(viewer, ev.Id, "q-partner", "Gibt es eine Vorlage für den Antrag?", null, "Landkreis Gießen", 1, "embed:" + Partner);
        await questions.AddAsync(organiser, ev.Id, "Frage aus dem Chat bei Twitter: Wann startet der nächste Block?", null, null, QuestionSource.Twitter, null);
        await questions.AddAsync(organiser, ev.Id, "Frage aus dem YouTube-Chat: Wo finde ich die Folien?", "Max Mustermann", null, QuestionSource.YouTube, null);
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);
        var page = check.Page;

        // An unknown code: the friendly page with the code field again.
        await check.GoAsync("/j/ZZZ222");
        await Expect(page.Locator("#join-error")).Not.ToBeEmptyAsync();
        await check.CheckAsync("join-unknown-code");

        await check.GoAsync("/login?returnUrl=%2Forganisation");
        await page.FillAsync("#email", TestApp.OrganiserEmail);
        await page.FillAsync("#password", TestApp.OrganiserPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(check.Url("/organisation"));

        // The organiser's Kanäle section with the overlay link, a partner and the embed snippet; then a refused entry.
        await check.GoAsync($"/organisation/veranstaltungen/{ev.Id}#channels");
        await Expect(page.Locator("#overlay-link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/overlay\\?key="));
        await Expect(page.Locator("#embed-snippet")).ToBeVisibleAsync();
        await check.CheckAsync("organisation-event-channels");
        await page.Locator("#partner-origins").FillAsync("partner.example ohne https");
        await page.Locator("#channels form.form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#partners-error")).ToBeVisibleAsync();
        await check.CheckAsync("organisation-event-channels-refused");

        // The console filtered to one channel (each row shows its channel), then with the tools drawer open.
        await check.GoAsync($"/events/{Slug}/moderate");
        await Expect(page.Locator("#moderate[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("#channel-filter option")).ToHaveCountAsync(5); // all, live, the partner's embed, Twitter, YouTube
        await page.Locator("#channel-filter").SelectOptionAsync("embed:" + Partner);
        await Expect(page.Locator("#queue-panel .q-row")).ToHaveCountAsync(1);
        await Expect(page.Locator("#queue-panel .q-badge-channel")).ToHaveTextAsync(language == "de" ? "Einbettung partner.example" : "Embed partner.example");
        await check.CheckAsync("console-channel-filter");
        await page.Locator(".mod-tools-toggle").ClickAsync();
        await Expect(page.Locator("#tool-drawer")).ToBeVisibleAsync();
        await Expect(page.Locator("#stage-qr-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#overlay-panel")).ToBeVisibleAsync();
        await check.CheckAsync("console-drawer-stage-qr-overlay");

        // The stream overlay (its own layout for a 1920×1080 browser source; here in the page's language).
        await check.GoAsync(OverlayKeys.OverlayPath(Slug, overlayKey));
        await Expect(page.Locator(".overlay-join .join-qr-image svg")).ToBeVisibleAsync();
        await check.CheckAsync("overlay");

        // The presenter screen with the join QR code a moderator switched on, dark and light.
        await using var presenter = await PresenterSetup.StartAsync(app, startFirstBlock: false);
        await app.Get<StageQrSwitch>().SetAsync(ev.Id, true);
        foreach (var theme in new[] { "dark", "light" })
        {
            await check.GoAsync(presenter.StagePath + "&theme=" + theme);
            await Expect(page.Locator("#stage[data-interactive=true]")).ToBeVisibleAsync();
            await Expect(page.Locator(".stage-qr .join-qr-image svg")).ToBeVisibleAsync();
            await check.CheckAsync("stage-join-qr-" + theme);
        }

        check.AssertNoViolations();
    }
}
