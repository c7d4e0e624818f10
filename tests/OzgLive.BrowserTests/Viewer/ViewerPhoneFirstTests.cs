using System.Globalization;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Replay.Review;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Viewer.ViewerSite;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>
/// Issue 12, the live page phone first: what a phone shows in its first screen, asking anonymously
/// or with a name, similar questions to support, and what viewers read when the event ends.
/// </summary>
public sealed class ViewerPhoneFirstTests(BrowserFixture browser)
{
    private const string Staged = "Wer berät die Kommunen bei der Umsetzung des OZG?";

    [Fact]
    public async Task On_a_phone_the_first_screen_shows_the_question_on_stage_and_the_ask_box_and_wide_screens_put_video_and_QA_side_by_side()
    {
        await using var app = await TestApp.StartAsync();
        await SetLiveVideoAsync(app, "M7lc1UVf-VE");
        await using var moderation = await Moderation.ConnectAsync(app);
        await moderation.ClockAsync("StartEvent");
        await moderation.ClockAsync("StartBlock", 1);
        await moderation.AddAsync("Gibt es ein Musterformular für den Antrag auf Fördermittel?", null, "Landkreis Gießen");
        await moderation.AddAsync(Staged, "Anna Schmidt", "Gemeinde Musterstadt");
        await moderation.ActAsync("StageQuestion", Staged);

        await using var phone = await browser.VisitAsync(360, 740, mobile: true);
        await OpenAsync(phone.Page, app);
        var stage = phone.Page.Locator("#on-stage");
        await Expect(stage.Locator("[data-field='text']")).ToHaveTextAsync(Staged);
        await Expect(stage.Locator("[data-field='author']")).ToHaveTextAsync("Anna Schmidt, Gemeinde Musterstadt");
        await Expect(phone.Page.Locator("#ask-text")).ToBeEnabledAsync();

        var onStage = await BoxAsync(stage);
        var askBox = await BoxAsync(phone.Page.Locator("#ask-text"));
        var send = await BoxAsync(phone.Page.Locator("#ask-submit"));
        var video = await BoxAsync(phone.Page.Locator("#video"));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"360x740: on stage y={onStage.Y:0}..{onStage.Y + onStage.Height:0}, ask box y={askBox.Y:0}..{askBox.Y + askBox.Height:0}, 'Frage senden' y={send.Y:0}, video y={video.Y:0}"));
        Assert.True(onStage.Y + onStage.Height <= 740, $"The question on stage ends at {onStage.Y + onStage.Height} px, below the first screen.");
        Assert.True(askBox.Y + askBox.Height <= 740, $"The ask box ends at {askBox.Y + askBox.Height} px, below the first screen.");
        Assert.True(await FitsWidthAsync(phone.Page), "The page scrolls sideways at 360 px.");
        // The programme is folded away; a tap opens it.
        await Expect(phone.Page.Locator("#blocks")).ToBeHiddenAsync();
        await phone.Page.Locator("#about > summary").ClickAsync();
        await Expect(phone.Page.Locator("#blocks")).ToBeVisibleAsync();
        await phone.Page.Locator("#about > summary").ClickAsync();
        await phone.ScreenshotAsync("viewer-phone-first-360");

        // Further down, "Frage stellen" stays in reach at the bottom of the screen and opens the box.
        await phone.Page.Locator("#questions-heading").ScrollIntoViewIfNeededAsync();
        await phone.Page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        var open = phone.Page.GetByRole(AriaRole.Link, new() { Name = "Frage stellen" });
        await Expect(open).ToBeVisibleAsync();
        await Expect(open).ToBeInViewportAsync();
        var button = await BoxAsync(open);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"360x740 scrolled to the end: 'Frage stellen' y={button.Y:0}..{button.Y + button.Height:0}"));
        Assert.True(button.Y + button.Height <= 740);
        await open.ClickAsync();
        await Expect(phone.Page.Locator("#ask-text")).ToBeFocusedAsync();
        await Expect(phone.Page.Locator("#ask-text")).ToBeInViewportAsync();

        await using var wide = await browser.VisitAsync(1280, 800);
        await OpenAsync(wide.Page, app);
        var wideAsk = await BoxAsync(wide.Page.Locator("#ask-text"));
        var wideVideo = await BoxAsync(wide.Page.Locator("#video"));
        var qa = await BoxAsync(wide.Page.Locator("#qa"));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"1280x800: ask box y={wideAsk.Y:0}..{wideAsk.Y + wideAsk.Height:0}, video x={wideVideo.X:0} y={wideVideo.Y:0}, Q&A x={qa.X:0} y={qa.Y:0}"));
        Assert.True(wideAsk.Y + wideAsk.Height <= 800, $"At 1280x800 the ask box ends at {wideAsk.Y + wideAsk.Height} px.");
        Assert.True(wideVideo.X + wideVideo.Width <= qa.X, "Video and Q&A are not side by side.");
        Assert.True(Math.Abs(wideVideo.Y - qa.Y) < 40, "Video and Q&A do not start at the same height.");
        await Expect(wide.Page.GetByRole(AriaRole.Link, new() { Name = "Frage stellen" })).ToBeHiddenAsync();
        await wide.ScreenshotAsync("viewer-phone-first-1280");
        await wide.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await wide.ScreenshotAsync("viewer-phone-first-1280-dark");
        AssertOnlyLocalRequests(phone.Requests, app);
        AssertOnlyLocalRequests(wide.Requests, app);
    }

    [Fact]
    public async Task Anonymous_is_the_choice_for_each_new_question_and_a_name_is_kept_only_when_ticked()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await using var visit = await browser.VisitAsync(360, 740, mobile: true);
        var page = visit.Page;
        await OpenAsync(page, app);
        const string first = "Wie lange dauert die Umsetzung in kleinen Kommunen?";
        const string second = "Welche Leistungen kommen als Nächstes ins Portal?";
        const string third = "Gibt es Vorlagen für die Kommunikation mit Bürgern?";
        var anonymous = page.GetByLabel("Anonym fragen");
        var remember = page.GetByLabel("Name und Organisation für meine nächste Frage merken");

        // Anonymous is ticked: the question goes out without a name.
        await Expect(anonymous).ToBeCheckedAsync();
        await AskAsync(page, first);
        await Expect(page.Locator("#my-questions > li[data-status='pending']")).ToHaveCountAsync(1);
        Assert.Equal(JsonValueKindNull, (await moderation.FindAsync(first)).GetProperty("displayName").ValueKind);

        // Typing a name is choosing to ask with it; without "merken" the next question starts anonymous again.
        await page.Locator("#ask-text").FillAsync(second);
        await page.GetByLabel("Name (freiwillig)").FillAsync("Anna Schmidt");
        await Expect(anonymous).Not.ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Frage senden" }).ClickAsync();
        await Expect(page.Locator("#my-questions > li[data-status='pending']")).ToHaveCountAsync(2);
        Assert.Equal("Anna Schmidt", (await moderation.FindAsync(second)).GetProperty("displayName").GetString());
        await Expect(page.Locator("#ask-name")).ToHaveValueAsync("");
        await Expect(anonymous).ToBeCheckedAsync();

        // Still anonymous after a reload: nothing of the name was kept.
        await page.ReloadAsync();
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
        await Expect(page.Locator("#ask-name")).ToHaveValueAsync("");
        await Expect(anonymous).ToBeCheckedAsync();

        // Ticking "Anonym fragen" after typing a name takes the name away again.
        await page.Locator("#ask-text").FillAsync(third);
        await page.GetByLabel("Name (freiwillig)").FillAsync("Anna Schmidt");
        await remember.CheckAsync();
        await anonymous.CheckAsync();
        await Expect(page.Locator("#ask-name")).ToHaveValueAsync("");
        await Expect(remember).Not.ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Frage senden" }).ClickAsync();
        await Expect(page.Locator("#my-questions > li[data-status='pending']")).ToHaveCountAsync(3);
        Assert.Equal(JsonValueKindNull, (await moderation.FindAsync(third)).GetProperty("displayName").ValueKind);

        await moderation.ApproveAsync(first);
        await moderation.ApproveAsync(second);
        await Expect(Question(page, first).Locator("[data-field='author']")).ToHaveTextAsync("Anonym");
        await Expect(Question(page, second).Locator("[data-field='author']")).ToHaveTextAsync("Anna Schmidt");
    }

    [Fact]
    public async Task While_typing_similar_approved_questions_appear_and_can_be_supported_instead()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        const string asked = "Wo beantrage ich den Voucher für die Digitalisierungsberatung?";
        await moderation.AddAsync(asked, "Anna Schmidt");
        await moderation.AddAsync("Wann tritt das OZG-Änderungsgesetz in Kraft?");
        await using var visit = await browser.VisitAsync(360, 740, mobile: true);
        var page = visit.Page;
        await OpenAsync(page, app);
        var similar = page.Locator("#ask-similar");
        await Expect(similar).ToBeHiddenAsync();

        await page.Locator("#ask-text").PressSequentiallyAsync("Wie beantrage ich einen Voucher zur Digitalisierungsberatung");
        await Expect(similar).ToBeVisibleAsync();
        var suggestion = similar.Locator("li");
        await Expect(suggestion).ToHaveCountAsync(1);
        await Expect(suggestion).ToHaveTextAsync($"Ähnliche Frage: {asked} – unterstützen?");
        await visit.ScreenshotAsync("viewer-similar-question-360");

        var support = suggestion.GetByRole(AriaRole.Button, new() { Name = "unterstützen?" });
        await support.ClickAsync();
        await Expect(suggestion.GetByRole(AriaRole.Button)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(suggestion.GetByRole(AriaRole.Button)).ToHaveTextAsync("unterstützt");
        await Expect(Question(page, asked).Locator("[data-field='votes']")).ToHaveTextAsync("1");
        await Expect(Question(page, asked).Locator("[data-action='vote']")).ToHaveAttributeAsync("aria-pressed", "true");

        // Something else entirely: no suggestion.
        await page.Locator("#ask-text").FillAsync("Wie viele Kommunen nutzen schon das Serviceportal?");
        await Expect(similar).ToBeHiddenAsync();
    }

    [Fact]
    public async Task When_the_event_ends_viewers_read_what_happens_next_and_the_replay_link_appears_by_itself()
    {
        await using var app = await TestApp.StartAsync();
        await using var moderation = await Moderation.ConnectAsync(app);
        await moderation.ClockAsync("StartEvent");
        await moderation.ClockAsync("StartBlock", 1);
        await using var visit = await browser.VisitAsync(360, 740, mobile: true);
        var page = visit.Page;
        await OpenAsync(page, app);
        var ended = page.Locator("#event-ended");
        await Expect(ended).ToBeHiddenAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await moderation.ClockAsync("EndEvent");
        await Expect(ended).ToBeVisibleAsync();
        await Expect(ended.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Die Veranstaltung ist vorbei – so geht es weiter");
        await Expect(ended).ToContainTextAsync("Fragen, die live offen geblieben sind, beantwortet das Team schriftlich.");
        await Expect(page.Locator("#replay-pending")).ToHaveTextAsync("Die Aufzeichnung folgt: Sobald sie veröffentlicht ist, erscheint der Link hier von selbst.");
        await Expect(page.Locator("#ask-state")).ToHaveTextAsync("Die Veranstaltung ist beendet: Es werden keine Fragen mehr angenommen.");
        await visit.ScreenshotAsync("viewer-event-ended-360");

        // The organiser publishes the replay: the link appears without a reload.
        var ev = (await app.Get<EventStore>().FindBySlugAsync(Slug))!;
        Assert.Null(await app.Get<TranscriptReview>().PublishAsync(ev.Id, confirmedFlags: true, "test"));
        var link = ended.GetByRole(AriaRole.Link, new() { Name = "Antworten und Aufzeichnung" });
        await Expect(link).ToHaveAttributeAsync("href", $"/events/{Slug}/replay");
        await Expect(page.Locator("#replay-pending")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page was reloaded.");
        AssertOnlyLocalRequests(visit.Requests, app);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("Not rendered: " + locator);
}
