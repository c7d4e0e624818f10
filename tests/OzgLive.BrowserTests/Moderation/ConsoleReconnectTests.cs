using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>
/// A moderator on a flaky connection (issue 11): the console's circuit loses its WebSocket, the page
/// says so in our own notice (Blazor's default dialog would inject a &lt;style&gt; the CSP blocks), the
/// circuit comes back by itself, and what the moderator was typing is still there.
/// </summary>
public sealed class ConsoleReconnectTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_lost_connection_shows_the_notice_then_the_console_resumes_with_the_typed_note()
    {
        await using var site = await ModerationSite.StartAsync();
        await site.AskAsync("Gibt es Fördermittel für Kommunen?");
        IWebSocketRoute? current = null;
        var network = true;
        await using var console = await site.OpenConsoleAsync(browser, prepare: page => page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            if (!network)
            {
                // The network is down: every attempt to reconnect fails at once.
                _ = socket.CloseAsync();
                return;
            }

            socket.ConnectToServer();
            current = socket;
        }));
        var page = console.Page;
        var notice = page.Locator("#components-reconnect-modal");
        await Expect(notice).ToBeHiddenAsync();

        await page.Locator(".mod-tools-toggle").ClickAsync();
        await page.Locator("#backstage-text").FillAsync("Noch zwei Fragen, dann Block 2");

        network = false;
        await current!.CloseAsync();
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice.Locator(".reconnect-trying")).ToHaveTextAsync("Verbindung unterbrochen – wird wiederhergestellt … Ihre Eingaben bleiben erhalten.");

        network = true;
        // Blazor retries by itself; the next attempt reaches the server and the circuit resumes.
        await Expect(notice).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#backstage-text")).ToHaveValueAsync("Noch zwei Fragen, dann Block 2");

        // The console works again: the question can still be approved over the resumed circuit.
        await page.Locator("#queue-panel .q-line").First.ClickAsync();
        await page.Keyboard.PressAsync("a");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Freigegeben 1" })).ToBeVisibleAsync();
        site.ExpectConnectionLossErrors();
    }
}
