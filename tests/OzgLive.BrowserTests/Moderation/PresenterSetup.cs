using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>
/// The presenter screen's setup the browser tests share: the organiser signed in over the hub and
/// joined to the demo event, a presenter key made, and (unless asked not to) the event and its first
/// block started; then the screen opened in a browser at its secret link.
/// </summary>
internal sealed class PresenterSetup : IAsyncDisposable
{
    private PresenterSetup(TestApp app, HubTestClient organiser, long eventId, string key)
    {
        App = app;
        Organiser = organiser;
        EventId = eventId;
        Key = key;
    }

    public TestApp App { get; }

    /// <summary>The organiser's hub connection, for the commands a test sends next.</summary>
    public HubTestClient Organiser { get; }

    public long EventId { get; }

    public string Key { get; }

    public string StagePath => $"/events/{ModerationSite.Slug}/stage?key={Uri.EscapeDataString(Key)}";

    /// <param name="startFirstBlock">Starts the event and block 1, as most presenter tests need.</param>
    public static async Task<PresenterSetup> StartAsync(TestApp app, bool startFirstBlock = true)
    {
        var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", ModerationSite.Slug)).GetProperty("eventId").GetInt64();
        var key = (await organiser.InvokeAsync("RegeneratePresenterKey", eventId)).GetString()!;
        if (startFirstBlock)
        {
            await organiser.ClockAsync("StartEvent", eventId);
            await organiser.ClockAsync("StartBlock", eventId, 1);
        }

        return new PresenterSetup(app, organiser, eventId, key);
    }

    /// <summary>Opens the presenter screen and waits until it runs over its circuit (an interactive server component).</summary>
    public async Task OpenAsync(IPage page)
    {
        await page.GotoAsync(new Uri(App.BaseAddress, StagePath).ToString());
        await Expect(page.Locator("#stage[data-interactive=true]")).ToBeVisibleAsync();
    }

    public ValueTask DisposeAsync() => Organiser.DisposeAsync();
}
