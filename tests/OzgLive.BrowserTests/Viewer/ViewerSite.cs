using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Viewer;

/// <summary>The viewer page of the seeded demo event, and what a page of it needs in the tests.</summary>
internal static partial class ViewerSite
{
    public const string Slug = DemoContent.SpotOnOzgSlug;

    public static string Url(TestApp app, string path = $"/events/{Slug}") => new Uri(app.BaseAddress, path).ToString();

    /// <summary>Opens the page and waits until the script has joined the event.</summary>
    public static async Task OpenAsync(IPage page, TestApp app, string path = $"/events/{Slug}")
    {
        await page.GotoAsync(Url(app, path));
        await Expect(page.Locator("#connection-state")).ToHaveTextAsync("Verbunden");
    }

    public static ILocator Questions(IPage page) => page.Locator("#question-list > li");

    public static ILocator Question(IPage page, string text) =>
        page.Locator("#question-list > li").Filter(new() { Has = page.Locator(".question-text", new() { HasTextRegex = new Regex("^" + Regex.Escape(text) + "$") }) });

    public static ILocator MyQuestions(IPage page) => page.Locator("#my-questions > li");

    /// <summary>Asks as a viewer would: typing a name unticks "Anonym fragen"; <paramref name="remember"/> ticks "merken".</summary>
    public static async Task AskAsync(IPage page, string text, string? name = null, string? organisation = null, string submit = "Frage senden", bool remember = false)
    {
        await page.Locator("#ask-text").FillAsync(text);
        if (name is not null)
        {
            await page.Locator("#ask-name").FillAsync(name);
        }

        if (organisation is not null)
        {
            await page.Locator("#ask-organisation").FillAsync(organisation);
        }

        if (remember)
        {
            await page.Locator("#ask-remember").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
    }

    /// <summary>The texts of the public list, top to bottom.</summary>
    public static Task<IReadOnlyList<string>> ListedTextsAsync(IPage page) =>
        page.Locator("#question-list > li .question-text").AllTextContentsAsync();

    public static Task<bool> FitsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    /// <summary>Gives the demo event a live YouTube video, as an organiser would in the event form.</summary>
    public static Task SetLiveVideoAsync(TestApp app, string? videoId) =>
        EditDemoEventAsync(app, input => input.LiveVideo = videoId);

    /// <summary>The organiser shows viewers the running block's remaining time (off for a new event).</summary>
    public static Task ShowClockPubliclyAsync(TestApp app, bool show = true) =>
        EditDemoEventAsync(app, input => input.PublicClock = show);

    /// <summary>Saves the demo event's form with one change, as an organiser would.</summary>
    private static async Task EditDemoEventAsync(TestApp app, Action<EventInput> change)
    {
        var ev = (await app.Get<EventStore>().FindBySlugAsync(Slug))!;
        var input = new EventInput
        {
            SeriesId = ev.SeriesId,
            Title = ev.Title,
            Slug = ev.Slug,
            Description = ev.Description,
            StartBerlin = BerlinTime.ToBerlin(ev.ScheduledStart).DateTime,
            Status = ev.Status.ToDb(),
            LiveVideo = ev.LiveVideoId,
            ReplayVideo = ev.ReplayVideoId,
            ModeratorName = ev.ModeratorName,
            PublicClock = ev.PublicClock,
        };
        change(input);
        var saved = await app.Get<EventEditor>().SaveEventAsync(ev.Id, input);
        Assert.True(saved.Ok, string.Join("; ", saved.Errors.Values));
    }

    /// <summary>Gives one block of the demo its own video.</summary>
    public static async Task SetBlockVideoAsync(TestApp app, int blockNumber, string videoId)
    {
        var ev = (await app.Get<EventStore>().FindBySlugAsync(Slug))!;
        var block = ev.Blocks.Single(b => b.Number == blockNumber);
        var saved = await app.Get<EventEditor>().UpdateBlockAsync(block.Id, new BlockInput
        {
            Title = block.Title,
            Description = block.Description,
            PlannedMinutes = block.PlannedMinutes,
            Video = videoId,
            Speakers = block.Speakers.Select(s => new SpeakerInput { Name = s.Name, Role = s.Role, Organisation = s.Organisation }).ToList(),
        });
        Assert.True(saved.Ok, string.Join("; ", saved.Errors.Values));
    }

    /// <summary>No font, script or beacon from elsewhere: every request went to the app itself.</summary>
    public static void AssertOnlyLocalRequests(IReadOnlyList<string> requests, TestApp app)
    {
        Assert.NotEmpty(requests);
        Assert.All(requests, url =>
        {
            var uri = new Uri(url);
            Assert.True(uri.Host == "127.0.0.1" && uri.Port == app.BaseAddress.Port, $"Request to another host: {url}");
        });
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An organiser at the moderation console, over the real hub protocol.</summary>
internal sealed class Moderation : IAsyncDisposable
{
    private readonly HubTestClient client;

    private Moderation(HubTestClient client, long eventId)
    {
        this.client = client;
        EventId = eventId;
    }

    public long EventId { get; }

    public static async Task<Moderation> ConnectAsync(TestApp app)
    {
        var client = await app.ConnectAsync(await app.SignInAsync());
        var snapshot = await client.InvokeAsync("JoinEvent", ViewerSite.Slug);
        return new Moderation(client, snapshot.GetProperty("eventId").GetInt64());
    }

    public Task<JsonElement> InvokeAsync(string target, params object?[] arguments) => client.InvokeAsync(target, [EventId, .. arguments]);

    /// <summary>A poll action with the poll's version of a fresh snapshot, as the console sends it.</summary>
    public Task<JsonElement> PollAsync(string method, long pollId, params object?[] arguments) => client.PollAsync(method, EventId, pollId, arguments);

    /// <summary>A clock command with the clock version of a fresh snapshot, as the console sends it.</summary>
    public Task<JsonElement> ClockAsync(string command, params object?[] arguments) => client.ClockAsync(command, EventId, arguments);

    /// <summary>
    /// The question as moderators see it (with its version). A viewer's question must be stored
    /// already: wait for what the asker's page shows once the server has it ("wartet auf Freigabe").
    /// </summary>
    public async Task<JsonElement> FindAsync(string text)
    {
        var snapshot = await client.InvokeAsync("GetSnapshot", EventId);
        foreach (var question in snapshot.GetProperty("queue").EnumerateArray())
        {
            if (question.GetProperty("text").GetString() == text)
            {
                return question;
            }
        }

        throw new InvalidOperationException($"No question '{text}' in the queue.");
    }

    public async Task<IReadOnlyList<JsonElement>> QueueAsync()
    {
        var snapshot = await client.InvokeAsync("GetSnapshot", EventId);
        return [.. snapshot.GetProperty("queue").EnumerateArray()];
    }

    public async Task<long> ApproveAsync(string text)
    {
        var question = await FindAsync(text);
        var id = question.GetProperty("id").GetInt64();
        await InvokeAsync("ApproveQuestion", id, question.GetProperty("version").GetInt64());
        return id;
    }

    /// <summary>A question received elsewhere (by e-mail), approved at once.</summary>
    public async Task<long> AddAsync(string text, string? name = null, string? organisation = null)
    {
        var added = await InvokeAsync("AddQuestion", new { text, displayName = name, organisation, source = "email", blockNumber = (int?)null });
        return added.GetProperty("id").GetInt64();
    }

    public async Task ActAsync(string method, string text, params object?[] more)
    {
        var question = await FindAsync(text);
        await InvokeAsync(method, [question.GetProperty("id").GetInt64(), question.GetProperty("version").GetInt64(), .. more]);
    }

    public async Task SetQuestionsStateAsync(string state, int? blockNumber = null)
    {
        var snapshot = await client.InvokeAsync("GetSnapshot", EventId);
        var version = snapshot.GetProperty("questions").GetProperty("settingsVersion").GetInt64();
        await InvokeAsync("SetQuestionsState", version, state, blockNumber);
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}

/// <summary>Anonymous viewers voting over the hub, to give questions votes without a browser each.</summary>
internal static class Voters
{
    public static async Task VoteAsync(TestApp app, long eventId, long questionId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var viewer = await app.ConnectAsync();
            await viewer.InvokeAsync("IdentifyViewer", (string?)null);
            await viewer.InvokeAsync("Vote", eventId, questionId, true);
        }

        // Vote counts go out coalesced, on the app's fake clock: move it so they do.
        app.Time.Advance(VoteBroadcaster.Interval);
    }
}
