using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Moderation;

/// <summary>
/// The real app with the demo event (Spot on OZG HE, three blocks) and what the console tests need
/// around it: moderators who sign in through the login page in the browser, and questions asked by
/// viewers through the app's own question service (which announces them like any other change).
/// </summary>
internal sealed class ModerationSite : IAsyncDisposable
{
    public const string Slug = DemoContent.SpotOnOzgSlug;

    private static int addressCounter;

    private readonly List<string> scriptErrors = [];

    private ModerationSite(TestApp app, long eventId)
    {
        App = app;
        EventId = eventId;
    }

    public TestApp App { get; }

    public long EventId { get; }

    public string ConsoleUrl => new Uri(App.BaseAddress, $"/events/{Slug}/moderate").ToString();

    /// <summary>How an organiser's actions are written to the audit log in these tests.</summary>
    public static Caller Organiser { get; } = new(null, "127.0.0.1", "account:1");

    public QuestionService Questions => App.Get<QuestionService>();

    public static async Task<ModerationSite> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var app = await TestApp.StartAsync(extra: extra);
        var ev = await app.Get<EventStore>().FindBySlugAsync(Slug) ?? throw new InvalidOperationException("No demo event.");
        return new ModerationSite(app, ev.Id);
    }

    /// <summary>A moderator account assigned to the demo event; its password is the test password.</summary>
    public async Task<string> CreateModeratorAsync(bool assigned = true)
    {
        var email = $"mod-{Guid.NewGuid():N}@test.local";
        await App.CreateModeratorAsync(email, assigned ? [EventId] : []);
        return email;
    }

    /// <summary>Opens the console in a fresh browser profile, signing in on the login page it is sent to.</summary>
    /// <param name="english">Chooses English first, through the site's language switch.</param>
    /// <param name="prepare">Runs on the new page before anything loads (for routes).</param>
    public async Task<Visit> OpenConsoleAsync(BrowserFixture browser, string email = TestApp.OrganiserEmail, int width = 1280, bool english = false, Func<IPage, Task>? prepare = null, int height = 900)
    {
        var visit = await browser.VisitAsync(width, height);
        var page = visit.Page;
        // Every console page is watched for script errors; the site reports them when the test ends.
        page.PageError += (_, error) => { lock (scriptErrors) { scriptErrors.Add(error); } };
        page.Console += (_, message) =>
        {
            // Failed requests are judged below, by address (the browser's own favicon request is no error of ours).
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (scriptErrors)
                {
                    scriptErrors.Add(message.Text);
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                lock (scriptErrors)
                {
                    scriptErrors.Add($"{response.Status} {response.Url}");
                }
            }
        };
        if (prepare is not null)
        {
            await prepare(page);
        }

        if (english)
        {
            await page.GotoAsync(new Uri(App.BaseAddress, "/sprache/en?zurueck=/").ToString());
        }

        await page.GotoAsync(ConsoleUrl);
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?"));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(TestApp.OrganiserPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/events/{Slug}/moderate"));
        // The console runs over its circuit (an interactive server component).
        await Expect(page.Locator("#moderate[data-interactive=true]")).ToBeVisibleAsync();
        return visit;
    }

    /// <summary>A viewer asks (a new viewer and network address each time, so no rate limit is reached).</summary>
    public async Task<ModeratorQuestion> AskAsync(string text, string? name = null, string? organisation = null, int? block = null)
    {
        var viewer = "viewer-" + Guid.NewGuid().ToString("N");
        var address = $"10.0.{Interlocked.Increment(ref addressCounter) / 250}.{addressCounter % 250 + 1}";
        var asked = await Questions.AskAsync(new Caller(viewer, address, "viewer:" + viewer), EventId, "q-" + Guid.NewGuid().ToString("N")[..16], text, name, organisation, block);
        return await QuestionAsync(asked.Id);
    }

    /// <summary>A vote from a new viewer.</summary>
    public async Task VoteAsync(long questionId)
    {
        var viewer = "voter-" + Guid.NewGuid().ToString("N");
        await Questions.VoteAsync(new Caller(viewer, "10.9.9." + Random.Shared.Next(1, 250), "viewer:" + viewer), EventId, questionId, up: true);
        // Vote counts go out coalesced, on the app's fake clock: move it so they do.
        App.Time.Advance(VoteBroadcaster.Interval);
    }

    /// <summary>The question as stored now, as moderators see it.</summary>
    public async Task<ModeratorQuestion> QuestionAsync(long id) =>
        (await SnapshotAsync()).Queue!.Single(q => q.Id == id);

    public async Task<EventSnapshot> SnapshotAsync() =>
        (await App.Get<SnapshotReader>().ReadAsync(EventId, EventRole.Organiser, null))!;

    public async Task<ModeratorQuestion> ApproveAsync(long id) =>
        await Questions.ApproveAsync(Organiser, EventId, id, (await QuestionAsync(id)).Version);

    /// <summary>
    /// For a test that cuts the circuit's connection on purpose: the SignalR client's own reports of the
    /// lost and refused connections are expected there. Every other error (a CSP violation too) still counts.
    /// </summary>
    public void ExpectConnectionLossErrors()
    {
        lock (scriptErrors)
        {
            scriptErrors.RemoveAll(e => e.Contains("Connection disconnected with error", StringComparison.Ordinal)
                || e.Contains("Failed to start the transport 'WebSockets'", StringComparison.Ordinal)
                || e.Contains("WebSocket failed to connect", StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        lock (scriptErrors)
        {
            Assert.True(scriptErrors.Count == 0, "Script errors in the console: " + string.Join(" | ", scriptErrors));
        }
    }

    /// <summary>Full-page screenshots of tall narrow pages, cut into parts that can be looked at.</summary>
    public static async Task ScreenshotInPartsAsync(IPage page, string name, int partHeight = 1200)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var width = page.ViewportSize!.Width;
        for (int y = 0, part = 1; y < height; y += partHeight, part++)
        {
            await page.ScreenshotAsync(new()
            {
                Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}-part{part}.png"),
                FullPage = true,
                Clip = new() { X = 0, Y = y, Width = width, Height = Math.Min(partHeight, height - y) },
            });
        }
    }

    /// <summary>Fails with the elements that stick out when the page scrolls sideways.</summary>
    public static async Task AssertFitsWidthAsync(IPage page)
    {
        var offenders = await page.EvaluateAsync<string[]>(
            """
            () => document.documentElement.scrollWidth <= window.innerWidth ? [] :
              Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .slice(0, 8)
                .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        Assert.True(offenders.Length == 0, $"The page scrolls sideways at {page.ViewportSize?.Width} px: {string.Join(", ", offenders)}");
    }
}
