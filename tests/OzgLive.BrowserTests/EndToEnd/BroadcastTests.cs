using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.BrowserTests.Accessibility;
using OzgLive.BrowserTests.Moderation;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.EndToEnd;

/// <summary>
/// A broadcast as it happens: two moderators at their consoles (interactive server components) and a
/// presenter screen, in real Chromium against the real app. Also measures what the issue asks for
/// (incoming questions visible at 1440x900, whether the presenter screen scrolls, keystrokes per
/// action) and prints the figures, and takes the README's screenshots into docs/screenshots/.
/// </summary>
public sealed class BroadcastTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] Questions =
    [
        "Gibt es Fördermittel für Kommunen bei der Umsetzung des OZG?",
        "Wie lange dauert die Umstellung auf die neuen Online-Dienste?",
        "Welche Rolle spielt die ekom21 beim Betrieb der Plattform?",
        "Wie werden Bürgerinnen und Bürger über neue Dienste informiert?",
        "Gibt es Schulungen für Sachbearbeitende in den Ämtern?",
        "Was passiert mit Anträgen, die noch auf Papier eingehen?",
        "Wie wird der Datenschutz bei der Datenübermittlung sichergestellt?",
        "Können kleine Gemeinden die Dienste gemeinsam einkaufen?",
        "Wer haftet, wenn ein Online-Dienst ausfällt?",
        "Gibt es eine Übersicht, welche Leistungen schon online sind?",
        "Wie lassen sich Fachverfahren an die Plattform anbinden?",
        "Welche Kosten entstehen für die Kommunen pro Jahr?",
        "Wird es eine App für die Bürgerinnen und Bürger geben?",
        "Wie funktioniert die Authentifizierung mit dem Personalausweis?",
        "Gibt es Musterformulare für die häufigsten Anträge?",
        "Wie werden Barrierefreiheit und leichte Sprache berücksichtigt?",
        "Was ändert sich mit dem OZG 2.0 für die Landkreise?",
        "Wer berät die Kommunen bei der Einführung vor Ort?",
        "Gibt es Fördermittel für kleine Kommunen bei der OZG-Umsetzung?",
        "Wie messen wir, ob die Dienste auch genutzt werden?",
    ];

    private static string DocsScreenshot(string name) => BrowserFixture.DocsScreenshot(name);

    private static ILocator Rows(IPage page) => page.Locator("#queue-panel .q-row");

    private static ILocator Row(IPage page, string text) => page.Locator("#queue-panel .q-row").Filter(new() { HasText = text });

    private static ILocator Tab(IPage page, string name) => page.GetByRole(AriaRole.Tab, new() { Name = name });

    [Fact]
    public async Task A_whole_broadcast_with_two_moderators_and_a_presenter_screen()
    {
        await using var site = await ModerationSite.StartAsync();
        var key = await site.App.Get<PresenterKeys>().RegenerateAsync(site.EventId, "test");
        foreach (var text in Questions)
        {
            await site.AskAsync(text, "Anna Schmidt", "Gemeinde Musterstadt");
        }

        var secondEmail = await site.CreateModeratorAsync();
        await using var first = await site.OpenConsoleAsync(browser, width: 1440, height: 900);
        await using var second = await site.OpenConsoleAsync(browser, secondEmail, width: 1280, height: 720);
        var a = first.Page;
        var b = second.Page;
        await using var presenter = await browser.VisitAsync(1920, 1080);
        var stage = presenter.Page;
        await stage.GotoAsync(new Uri(site.App.BaseAddress, $"/events/{ModerationSite.Slug}/stage?key={Uri.EscapeDataString(key)}").ToString());
        await Expect(stage.Locator("#stage[data-interactive=true]")).ToBeVisibleAsync();

        // How many incoming questions a moderator sees at 1440x900 with the bar, without scrolling.
        await Expect(Rows(a)).ToHaveCountAsync(Questions.Length);
        var visible = await VisibleRowsAsync(a);
        output.WriteLine($"Incoming questions visible at 1440x900 without scrolling: {visible} of {Questions.Length}");
        Assert.True(visible >= 12, $"Only {visible} incoming questions are visible at 1440x900.");
        await a.ScreenshotAsync(new() { Path = DocsScreenshot("console-1440x900") });
        var keys = new List<(string Action, int Keys)>();

        // Moderator A starts the event and the first block from the keyboard; B and the presenter see it.
        await Row(a, Questions[0]).Locator(".q-line").ClickAsync();
        await a.Keyboard.PressAsync("n");
        await Expect(b.Locator("#clock-status")).ToHaveTextAsync("Live: Begrüßung.");
        await a.Keyboard.PressAsync("n");
        keys.Add(("next block", 1));
        await Expect(b.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
        await Expect(stage.Locator(".stage-kicker")).ToContainTextAsync("Block 1");

        // A approves the first question with one key; the focus stays in the queue, on the next one.
        await Row(a, Questions[0]).Locator(".q-line").ClickAsync();
        await a.Keyboard.PressAsync("a");
        keys.Add(("approve", 1));
        await Expect(Row(a, Questions[0])).ToHaveCountAsync(0);
        await Expect(a.Locator("#queue-panel .q-line:focus")).ToHaveCountAsync(1);
        await Expect(Tab(b, "Freigegeben 1")).ToBeVisibleAsync();

        // B merges the late duplicate into the first question: the suggestion comes first, two keys.
        await Row(b, Questions[^2]).Locator(".q-line").ClickAsync();
        await b.Keyboard.PressAsync("m");
        await Expect(b.Locator(".q-choice").First).ToContainTextAsync(Questions[0]);
        await b.Keyboard.PressAsync("1");
        keys.Add(("merge with the first suggestion", 2));
        await Expect(Row(b, Questions[^2])).ToHaveCountAsync(0);

        // A rejects one with a reason (two keys), then stages the approved question.
        await Row(a, Questions[12]).Locator(".q-line").ClickAsync();
        await a.Keyboard.PressAsync("r");
        await a.Keyboard.PressAsync("1");
        keys.Add(("reject with reason", 2));
        await Expect(Tab(a, "Abgelehnt 1")).ToBeVisibleAsync();
        await Tab(a, "Freigegeben 1").ClickAsync();
        await Row(a, Questions[0]).Locator(".q-line").ClickAsync();
        await a.Keyboard.PressAsync("s");
        keys.Add(("stage", 1));
        await Expect(stage.Locator("#stage-onstage .stage-question")).ToHaveTextAsync(Questions[0]);
        await Expect(b.Locator("#bar-onstage")).ToContainTextAsync(Questions[0]);
        await Expect(stage.Locator("#stage")).ToHaveAttributeAsync("data-onstage", "true");

        // +5 minutes from B's bar, then answered and the next block from A.
        await Row(b, Questions[1]).Locator(".q-line").ClickAsync();
        await b.Keyboard.PressAsync("f");
        keys.Add(("+5 minutes", 1));
        await Expect(b.Locator("#action-status")).ToHaveTextAsync(new Regex("verlängert"));
        await presenter.ScreenshotAsync("presenter-broadcast-1920");
        await stage.ScreenshotAsync(new() { Path = DocsScreenshot("presenter-1920x1080") });
        await Tab(a, "Auf der Bühne 1").ClickAsync();
        await Row(a, Questions[0]).Locator(".q-line").ClickAsync();
        await a.Keyboard.PressAsync("b");
        keys.Add(("answered", 1));
        await Expect(stage.Locator("#stage-onstage .stage-empty")).ToBeVisibleAsync();
        await Tab(a, "Eingang 17").ClickAsync();
        await Rows(a).First.Locator(".q-line").ClickAsync();
        await a.Keyboard.PressAsync("n");
        await Expect(b.Locator("#clock-status")).ToHaveTextAsync("Live: Block 2 läuft.");
        await Expect(stage.Locator(".stage-kicker")).ToContainTextAsync("Block 2");

        // The end: a confirmation at the button, and the presenter screen shows the end state.
        await a.GetByRole(AriaRole.Button, new() { Name = "Veranstaltung beenden …" }).ClickAsync();
        await a.GetByRole(AriaRole.Button, new() { Name = "Veranstaltung beenden", Exact = true }).ClickAsync();
        await Expect(b.Locator("#clock-status")).ToHaveTextAsync("Die Veranstaltung ist beendet.");
        await Expect(stage.Locator("#stage-clock")).ToHaveAttributeAsync("data-phase", "ended");

        foreach (var (action, count) in keys)
        {
            output.WriteLine($"Keystrokes for {action}: {count}");
        }

        var questions = (await site.SnapshotAsync()).Queue!;
        Assert.Equal(OzgLive.Web.Questions.QuestionStatus.Answered, questions.Single(q => q.Text == Questions[0]).Status);
        Assert.Equal(OzgLive.Web.Questions.QuestionStatus.Merged, questions.Single(q => q.Text == Questions[^2]).Status);
    }

    [Fact]
    public async Task The_presenter_screen_fits_without_scrolling_at_720p_1080p_and_4k_with_a_long_title_a_note_and_a_question_on_stage()
    {
        await using var app = await TestApp.StartAsync();
        await using var presenter = await PresenterSetup.StartAsync(app);
        var (organiser, eventId) = (presenter.Organiser, presenter.EventId);
        var staged = await organiser.InvokeAsync("AddQuestion", eventId, new { text = "Wie gelingt es, die Online-Dienste schnell und verlässlich in allen hessischen Kommunen bereitzustellen, auch dort, wo die IT-Abteilung aus einer einzigen Person besteht und die Fachverfahren noch nicht angebunden sind?", displayName = "Dr. Jana Beispiel", organisation = "Stadt Wetzlar, Fachbereich Digitalisierung und Organisation", source = "onSite", blockNumber = (int?)null });
        await organiser.InvokeAsync("StageQuestion", eventId, staged.GetProperty("id").GetInt64(), staged.GetProperty("version").GetInt64());
        for (var i = 0; i < 6; i++)
        {
            await organiser.InvokeAsync("AddQuestion", eventId, new { text = $"Eine weitere, recht lange Frage Nummer {i + 1} zur Zusammenarbeit von Land, Landkreisen und Kommunen bei der Umsetzung?", displayName = (string?)null, organisation = "Landkreis Marburg-Biedenkopf", source = "email", blockNumber = (int?)null });
        }

        await organiser.InvokeAsync("SendBackstageMessage", eventId, "Noch zwei Fragen, dann bitte zum Schluss kommen: Die Zeit für diesen Block ist fast um, der nächste Block beginnt pünktlich.");

        foreach (var (width, height) in new[] { (1280, 720), (1920, 1080), (3840, 2160) })
        {
            await using var visit = await browser.VisitAsync(width, height);
            await presenter.OpenAsync(visit.Page);
            await Expect(visit.Page.Locator("#stage-backstage")).ToBeVisibleAsync();
            var fit = await visit.Page.EvaluateAsync<double[]>(
                """
                () => {
                  const root = document.documentElement;
                  const bottom = s => document.querySelector(s)?.getBoundingClientRect().bottom ?? 0;
                  return [root.scrollHeight, innerHeight, root.scrollWidth, innerWidth, bottom('.stage-asker'), bottom('#stage-next h2')];
                }
                """);
            var scrolls = fit[0] > fit[1] || fit[2] > fit[3];
            output.WriteLine($"Presenter screen at {width}x{height}: {(scrolls ? "scrolls" : "does not scroll")} (content {fit[0]}x{fit[2]} px, asker ends at {fit[4]:0}, 'Als Nächstes' at {fit[5]:0})");
            Assert.False(scrolls, $"The presenter screen scrolls at {width}x{height}.");
            Assert.True(fit[4] <= height && fit[5] <= height, $"The asker or the next questions are cut off at {width}x{height}.");
            if (width == 1280)
            {
                await visit.ScreenshotAsync("presenter-1280x720");
            }
        }
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    [InlineData(1920)]
    public async Task Console_and_presenter_screen_have_no_axe_violations_light_and_dark(int width)
    {
        await using var site = await ModerationSite.StartAsync();
        var key = await site.App.Get<PresenterKeys>().RegenerateAsync(site.EventId, "test");
        await using var organiser = await site.App.ConnectAsync(await site.App.SignInAsync());
        await organiser.ClockAsync("StartEvent", site.EventId);
        await organiser.ClockAsync("StartBlock", site.EventId, 1);
        var staged = await site.ApproveAsync((await site.AskAsync("Wie lange dauert die Umstellung auf die neuen Online-Dienste?", "Anna Schmidt", "Gemeinde Musterstadt")).Id);
        await site.Questions.StageAsync(ModerationSite.Organiser, site.EventId, staged.Id, staged.Version);
        await site.ApproveAsync((await site.AskAsync("Gibt es Fördermittel für Kommunen?")).Id);
        await site.AskAsync("Welche Rolle spielt die ekom21 beim Betrieb?", null, "Landkreis Gießen");
        await site.AskAsync("Gibt es Fördermittel für kleine Kommunen?");
        await organiser.InvokeAsync("SendBackstageMessage", site.EventId, "Noch zwei Fragen");

        await using var console = await site.OpenConsoleAsync(browser, width: width);
        var page = console.Page;
        await using var presenter = await browser.VisitAsync(width, width < 1000 ? 740 : width * 9 / 16);
        await presenter.Page.GotoAsync(new Uri(site.App.BaseAddress, $"/events/{ModerationSite.Slug}/stage?key={Uri.EscapeDataString(key)}").ToString());
        await Expect(presenter.Page.Locator("#stage[data-interactive=true]")).ToBeVisibleAsync();
        // A row open with the merge suggestions: the console's busiest state.
        await Rows(page).Last.Locator(".q-line").ClickAsync();
        await page.Keyboard.PressAsync("m");
        await Expect(page.Locator(".q-choice")).Not.ToHaveCountAsync(0);

        var failures = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            foreach (var (what, target) in new[] { ("console", page), ("presenter", presenter.Page) })
            {
                await target.EmulateMediaAsync(new() { ColorScheme = scheme });
                var violations = await Axe.AxeAsync(target);
                output.WriteLine($"axe {what} at {width} px, {scheme}: {violations.Count} violations");
                if (violations.Count > 0)
                {
                    failures.Add(Axe.Describe($"{what} {width} px {scheme}", target.Url, violations));
                }
            }
        }

        // The tools drawer, open over the queue.
        await page.GetByRole(AriaRole.Button, new() { Name = "Werkzeuge" }).ClickAsync();
        await Expect(page.Locator("#tool-drawer")).ToBeVisibleAsync();
        var drawer = await Axe.AxeAsync(page);
        if (drawer.Count > 0)
        {
            failures.Add(Axe.Describe($"console with drawer {width} px", page.Url, drawer));
        }

        if (width == 360)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Schließen" }).ClickAsync();
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await page.ScreenshotAsync(new() { Path = DocsScreenshot("console-360") });
            await ModerationSite.AssertFitsWidthAsync(page);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static Task<int> VisibleRowsAsync(IPage page) => page.EvaluateAsync<int>(
        """
        () => [...document.querySelectorAll('#queue-panel .q-row')]
          .filter(r => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }).length
        """);
}
