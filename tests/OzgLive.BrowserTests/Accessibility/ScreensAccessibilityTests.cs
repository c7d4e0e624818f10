using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.BrowserTests.Moderation;
using OzgLive.BrowserTests.Viewer;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Accessibility;

/// <summary>
/// axe (WCAG 2.1 A and AA) on the three live screens — viewer page and embed, moderator console,
/// presenter screen — in each of their main states, in German and English, at 360 and 1280 px
/// (and in dark mode at 1280 px, see <see cref="AccessibilityCheck"/>). Every state is reached
/// the way it happens at a broadcast: through the organiser's hub commands and the question service.
/// </summary>
public sealed class ScreensAccessibilityTests(BrowserFixture browser)
{
    private const string Slug = DemoContent.SpotOnOzgSlug;
    private const string ViewerPath = $"/events/{Slug}";

    public static TheoryData<string, int> Matrix => AccessibilityCheck.Matrix;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Viewer_page_and_embed_have_no_violations_before_the_start_while_live_when_closed_and_with_a_video(string language, int width)
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Viewer.Moderation.ConnectAsync(app);
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);
        var page = check.Page;

        await check.GoAsync(ViewerPath);
        await ExpectConnectedAsync(page.Locator("#connection-state"), language);
        await Expect(page.Locator("#ask-form")).ToBeVisibleAsync();
        await check.CheckAsync("viewer-not-started");

        await check.GoAsync($"/embed/{Slug}");
        await ExpectConnectedAsync(page.Locator("#connection-state"), language);
        await check.CheckAsync("embed-not-started");

        // Live: a running block, approved questions (one with votes, one answered), one on stage, and my own pending one.
        await moderation.ClockAsync("StartEvent");
        await moderation.ClockAsync("StartBlock", 1);
        await moderation.AddAsync("Wie kommen die Kommunen an die Fördermittel für den Breitbandausbau?", "Anna Schmidt", "Gemeinde Musterstadt");
        var voted = await moderation.AddAsync("Gibt es ein Musterformular für den Antrag?", null, "Landkreis Gießen");
        await Voters.VoteAsync(app, moderation.EventId, voted, 2);
        await moderation.AddAsync("Wer berät die Kommunen bei der Umsetzung?");
        await moderation.ActAsync("StageQuestion", "Wer berät die Kommunen bei der Umsetzung?");
        await moderation.AddAsync("Was kostet die Beratung?", "Max Mustermann");
        await moderation.ActAsync("MarkAnswered", "Was kostet die Beratung?", "Nichts: Das Land trägt die Kosten.");

        await check.GoAsync(ViewerPath);
        await ExpectConnectedAsync(page.Locator("#connection-state"), language);
        await page.Locator("#ask-text").FillAsync("Meine eigene Frage, die noch auf Freigabe wartet");
        await page.Locator("#ask-submit").ClickAsync();
        await Expect(ViewerSite.MyQuestions(page)).ToHaveCountAsync(1);
        await Expect(ViewerSite.MyQuestions(page)).ToHaveAttributeAsync("data-status", "pending");
        await Expect(page.Locator(".question-on-stage")).ToHaveCountAsync(1);
        await Expect(ViewerSite.Questions(page)).ToHaveCountAsync(4);
        await check.CheckAsync("viewer-live");

        // Issue 12: a similar question offered while typing, and the programme unfolded.
        await page.Locator("#ask-text").FillAsync("Fördermittel für den Breitbandausbau der Kommunen");
        await Expect(page.Locator("#ask-similar li")).ToHaveCountAsync(1);
        await page.Locator("#about > summary").ClickAsync();
        await Expect(page.Locator("#blocks")).ToBeVisibleAsync();
        await check.CheckAsync("viewer-similar-and-programme");

        await check.GoAsync($"/embed/{Slug}");
        await ExpectConnectedAsync(page.Locator("#connection-state"), language);
        await Expect(page.Locator(".question-on-stage")).ToHaveCountAsync(1);
        await check.CheckAsync("embed-live");

        // Questions closed: the form says why and is disabled.
        await check.GoAsync(ViewerPath);
        await ExpectConnectedAsync(page.Locator("#connection-state"), language);
        await moderation.SetQuestionsStateAsync("closed");
        await Expect(page.Locator("#ask-text")).ToBeDisabledAsync();
        await Expect(page.Locator("#ask-state")).Not.ToBeEmptyAsync();
        await check.CheckAsync("viewer-questions-closed");

        // A live video: the two-click placeholder (no consent given; nothing loads from YouTube).
        await ViewerSite.SetLiveVideoAsync(app, "M7lc1UVf-VE");
        await check.GoAsync(ViewerPath);
        await ExpectConnectedAsync(page.Locator("#connection-state"), language);
        await Expect(page.Locator("#video-load")).ToBeEnabledAsync();
        await Expect(page.Locator("#video-consent")).ToBeVisibleAsync();
        await check.CheckAsync("viewer-video-placeholder");

        // Issue 12: after the end, what happens next.
        await moderation.ClockAsync("EndEvent");
        await Expect(page.Locator("#event-ended")).ToBeVisibleAsync();
        await check.CheckAsync("viewer-ended");
        ViewerSite.AssertOnlyLocalRequests(check.Visit.Requests, app);

        check.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Presenter_screen_has_no_violations_dark_and_light_in_every_clock_state_and_when_denied(string language, int width)
    {
        await using var app = await TestApp.StartAsync();
        await using var presenter = await PresenterSetup.StartAsync(app, startFirstBlock: false);
        var (organiser, eventId, stagePath) = (presenter.Organiser, presenter.EventId, presenter.StagePath);
        await using var check = await AccessibilityCheck.StartAsync(browser, app, language, width);
        var page = check.Page;

        async Task BothThemesAsync(string screen, Func<Task> expectations)
        {
            foreach (var theme in new[] { "dark", "light" })
            {
                await check.GoAsync(stagePath + "&theme=" + theme);
                // The screen runs over its circuit (an interactive server component).
                await Expect(page.Locator("#stage[data-interactive=true]")).ToBeVisibleAsync();
                await expectations();
                await check.CheckAsync($"{screen}-{theme}");
            }
        }

        // No block yet, nothing on stage.
        await BothThemesAsync("stage-no-block", () => Expect(page.Locator("#stage-clock-time")).ToBeHiddenAsync());

        // A block runs, with a question on stage, next questions (one pinned) and a backstage note.
        await organiser.ClockAsync("StartEvent", eventId);
        await organiser.ClockAsync("StartBlock", eventId, 1);
        var onStage = await AddAsync(organiser, eventId, "Wie gelingt es, die Online-Dienste schnell in allen hessischen Kommunen bereitzustellen?", "Dr. Jana Beispiel", "Stadt Wetzlar");
        await organiser.InvokeAsync("StageQuestion", eventId, onStage.GetProperty("id").GetInt64(), onStage.GetProperty("version").GetInt64());
        var pinned = await AddAsync(organiser, eventId, "Welche Rolle spielt die ekom21 beim Betrieb?", "Max Mustermann", null);
        await organiser.InvokeAsync("PinQuestion", eventId, pinned.GetProperty("id").GetInt64(), pinned.GetProperty("version").GetInt64(), true);
        await AddAsync(organiser, eventId, "Wie werden Bürgerinnen und Bürger über neue Dienste informiert?", null, "Landkreis Marburg-Biedenkopf");
        await AddAsync(organiser, eventId, "Gibt es Schulungen für Sachbearbeitende?", null, null);
        await AddAsync(organiser, eventId, "Und was ist mit dem Datenschutz?", null, null);
        await organiser.InvokeAsync("SendBackstageMessage", eventId, "Bitte noch die Frage aus dem Chat nehmen");
        await BothThemesAsync("stage-running", async () =>
        {
            await Expect(page.Locator("#stage-clock")).ToHaveAttributeAsync("data-warning", "none");
            await Expect(page.Locator("#stage-onstage .stage-question")).ToBeVisibleAsync();
            await Expect(page.Locator("#stage-next li")).ToHaveCountAsync(3);
            await Expect(page.Locator("#stage-backstage")).ToBeVisibleAsync();
        });

        // The last five minutes, the last minute, overtime (its pulse stopped, as reduced motion asks,
        // so the colours can be measured at rest).
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        foreach (var (advance, warning) in new[] { (25, "fiveMinutes"), (4, "oneMinute"), (2, "overtime") })
        {
            app.Time.Advance(TimeSpan.FromMinutes(advance));
            await app.TickAsync();
            await BothThemesAsync("stage-" + warning, () => Expect(page.Locator("#stage-clock")).ToHaveAttributeAsync("data-warning", warning));
        }

        // A wrong key: the denied page.
        var denied = await check.GoAsync($"/events/{Slug}/stage?key=falsch-geraten");
        Assert.Equal(403, denied!.Status);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await check.CheckAsync("stage-denied");

        check.AssertNoViolations();
    }

    private static async Task ExpectConnectedAsync(ILocator state, string language) =>
        await Expect(state).ToHaveTextAsync(language == "de" ? "Verbunden" : "Connected");

    private static Task<JsonElement> AddAsync(HubTestClient organiser, long eventId, string text, string? name, string? organisation) =>
        organiser.InvokeAsync("AddQuestion", eventId, new { text, displayName = name, organisation, source = "onSite", blockNumber = (int?)null });
}
