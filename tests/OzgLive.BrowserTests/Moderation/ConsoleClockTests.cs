using System.Text.RegularExpressions;
using OzgLive.Web.Clock;
using static Microsoft.Playwright.Assertions;
using static OzgLive.BrowserTests.Moderation.ModerationSite;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>The clock's commands from the console, through a whole broadcast.</summary>
public sealed class ConsoleClockTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_console_runs_the_event_from_start_to_end()
    {
        await using var site = await StartAsync();
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        var status = page.Locator("#clock-status");
        var remaining = page.Locator("#clock-remaining");
        var button = (string command) => page.Locator($"#clock [data-clock={command}]");
        await Expect(status).ToHaveTextAsync("Noch nicht begonnen.");

        await button("startEvent").ClickAsync();
        await Expect(status).ToHaveTextAsync("Live: Begrüßung.");
        await Expect(button("startEvent")).ToBeHiddenAsync();
        await Expect(page.Locator("#event-status")).ToHaveTextAsync("Live");

        await Expect(button("nextBlock")).ToHaveTextAsync("Block 1 starten");
        await button("nextBlock").ClickAsync();
        await Expect(status).ToHaveTextAsync("Live: Block 1 läuft.");
        await Expect(remaining).ToHaveTextAsync(new Regex(@"^Noch (30:00|29:\d\d)$"));
        await Expect(page.Locator("#clock-blocks li[aria-current=true]")).ToHaveAttributeAsync("data-block", "1");
        await Expect(button("nextBlock")).ToHaveTextAsync("Block 2 starten");

        await button("extend5").ClickAsync();
        await Expect(page.Locator("#clock-blocks li[data-block='1'] .mod-block-minutes")).ToHaveTextAsync("30 Min. + 5");
        await Expect(page.Locator("#action-status")).ToHaveTextAsync("Block 1 verlängert (+5 Min.).");
        await Expect(remaining).ToHaveTextAsync(new Regex(@"^Noch 3[45]:\d\d$"));

        await button("pauseBlock").ClickAsync();
        await Expect(status).ToHaveTextAsync("Live: Block 1 ist pausiert.");
        await Expect(button("resumeBlock")).ToBeVisibleAsync();
        await Expect(button("pauseBlock")).ToBeHiddenAsync();
        await button("resumeBlock").ClickAsync();
        await Expect(status).ToHaveTextAsync("Live: Block 1 läuft.");

        // Five minutes before the end the presenter is warned, and so is the console.
        site.App.Time.Advance(TimeSpan.FromMinutes(31));
        await site.App.TickAsync();
        await Expect(page.Locator("#clock-warning")).ToHaveTextAsync("Block 1: noch 5 Minuten.");
        await Expect(page.Locator("#clock")).ToHaveAttributeAsync("data-warning", "fiveMinutes");

        await button("endBlock").ClickAsync();
        await Expect(status).ToHaveTextAsync("Live: Übergang zum nächsten Block.");
        await Expect(page.Locator("#clock-warning")).ToHaveTextAsync("");
        await Expect(remaining).ToBeHiddenAsync();

        // Skip to block 3.
        await page.Locator("#start-block-number").SelectOptionAsync("3");
        await page.Locator("#clock [data-clock=startBlock]").ClickAsync();
        await Expect(status).ToHaveTextAsync("Live: Block 3 läuft.");
        await Expect(page.Locator("#start-block-number option")).ToHaveTextAsync(["Block 2: Kostenfreie Digitalisierungsberatungen für jede Kommune"]);
        await Expect(button("nextBlock")).ToBeHiddenAsync();

        await page.Locator("#auto-advance").CheckAsync();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync("Automatisch weiter ist eingeschaltet.");
        var (_, state, _) = (await site.App.Get<ClockService>().ReadAsync(site.EventId))!.Value;
        Assert.True(state.AutoAdvance);

        await button("endEvent").ClickAsync();
        var dialog = page.Locator("#end-event-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("[data-dialog-cancel]").ClickAsync();
        await Expect(status).ToHaveTextAsync("Live: Block 3 läuft.");
        await button("endEvent").ClickAsync();
        await dialog.Locator("button[type=submit]").ClickAsync();
        await Expect(status).ToHaveTextAsync("Die Veranstaltung ist beendet.");
        await Expect(page.Locator("#clock button[data-clock]:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator("#event-status")).ToHaveTextAsync("Beendet");
        (_, state, _) = (await site.App.Get<ClockService>().ReadAsync(site.EventId))!.Value;
        Assert.Equal(ClockPhase.Ended, state.Phase);
        await visit.ScreenshotAsync("moderate-ended-1280");
    }

    [Fact]
    public async Task A_refused_clock_command_is_explained()
    {
        await using var site = await StartAsync();
        await using var visit = await site.OpenConsoleAsync(browser, await site.CreateModeratorAsync());
        var page = visit.Page;
        await page.Locator("#clock [data-clock=startEvent]").ClickAsync();
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Begrüßung.");

        // Someone else started block 1 a moment ago; this console still offers it, the server says no.
        await using var organiser = await site.App.ConnectAsync(await site.App.SignInAsync());
        await organiser.ClockAsync("StartBlock", site.EventId, 1);
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
        await page.Locator("#start-block-number").EvaluateAsync("s => { s.add(new Option('Block 1', '1')); s.value = '1'; }");
        await page.Locator("#clock [data-clock=startBlock]").ClickAsync();
        await Expect(page.Locator("#action-status")).ToHaveTextAsync(new Regex("^Nicht ausgeführt: .+"));
        await Expect(page.Locator("#action-status")).ToHaveAttributeAsync("data-kind", "error");
        await Expect(page.Locator("#clock-status")).ToHaveTextAsync("Live: Block 1 läuft.");
    }
}
