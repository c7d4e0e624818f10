using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Coverage;
using OzgLive.Web.Accounts;
using OzgLive.Web.Channels;
using OzgLive.Web.Moderation;

namespace OzgLive.ComponentTests.Moderation;

/// <summary>
/// The console's "Stream-Overlay" panel over a real database: a moderator hides and shows the parts
/// of the overlay through ConsoleActions (with its role check); the switch is what the hub sends.
/// </summary>
public sealed class OverlayPanelTests : AppPageContext
{
    private static string Text(IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    [Fact]
    public async Task A_moderator_hides_and_shows_the_parts_of_the_overlay()
    {
        var eventId = await EventIdAsync();
        var account = await CreateAccountAsync("organiser@example.org", "Olga Organisation", AccountRoles.Organiser);
        AsCircuitUser(Request(account));
        var console = Render<ModerationConsole>(p => p.Add(x => x.EventId, eventId));
        var switches = Services.GetRequiredService<OverlaySwitches>();

        await console.Find(".mod-tools-toggle").ClickAsync(new());
        console.WaitForAssertion(() => Assert.Equal("Stream-Overlay", Text(console.Find("#overlay-panel-heading"))));
        Assert.Equal("Bauchbinde mit der Frage auf der Bühne", Text(console.Find("label[for='overlay-question']")));
        Assert.True(console.Find("#overlay-qr").HasAttribute("checked"));

        await console.Find("#overlay-qr").ChangeAsync(new() { Value = false });
        console.WaitForAssertion(() => Assert.Equal("Der Teil ist im Stream-Overlay ausgeblendet.", Text(console.Find("#action-status"))));
        Assert.Equal(new OverlayChanged(eventId, ShowQuestion: true, ShowQr: false, ShowBlock: true), switches.Current(eventId));
        console.WaitForAssertion(() => Assert.False(console.Find("#overlay-qr").HasAttribute("checked")));

        await console.Find("#overlay-block").ChangeAsync(new() { Value = false });
        await console.Find("#overlay-qr").ChangeAsync(new() { Value = true });
        console.WaitForAssertion(() => Assert.Equal("Der Teil wird im Stream-Overlay gezeigt.", Text(console.Find("#action-status"))));
        Assert.Equal(new OverlayChanged(eventId, ShowQuestion: true, ShowQr: true, ShowBlock: false), switches.Current(eventId));
    }
}
