using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Clock;

/// <summary>
/// A fresh app with the organiser signed in over the hub and joined to the demo event
/// (three blocks of 30 minutes); the clock commands are called as a moderator's browser calls them.
/// </summary>
internal sealed class ClockSession : IAsyncDisposable
{
    private readonly List<HubTestClient> clients = [];

    private ClockSession(TestApp app, CookieContainer cookies)
    {
        App = app;
        OrganiserCookies = cookies;
    }

    public TestApp App { get; }

    public CookieContainer OrganiserCookies { get; }

    public HubTestClient Organiser { get; private set; } = null!;

    public long EventId { get; private set; }

    public DateTimeOffset Now => App.Time.GetUtcNow();

    public static async Task<ClockSession> StartAsync()
    {
        var app = await TestApp.StartAsync();
        var session = new ClockSession(app, await app.SignInAsync());
        session.Organiser = await session.JoinAsync(session.OrganiserCookies);
        return session;
    }

    /// <summary>Connects a client (anonymous without cookies) and joins the demo event.</summary>
    public async Task<HubTestClient> JoinAsync(CookieContainer? cookies = null)
    {
        var client = await App.ConnectAsync(cookies);
        clients.Add(client);
        var snapshot = await client.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
        EventId = snapshot.GetProperty("eventId").GetInt64();
        return client;
    }

    /// <summary>Restarts the app on the same database file, as after a crash, and reconnects the organiser.</summary>
    public async Task RestartAsync()
    {
        await App.RestartAsync();
        Organiser = await JoinAsync(OrganiserCookies);
    }

    /// <summary>A clock command with the clock version the organiser's console shows now.</summary>
    public Task<ClockChanged> CommandAsync(string method, params object[] args) =>
        Organiser.ClockAsync<ClockChanged>(method, EventId, args);

    public Task<EventSnapshot> SnapshotAsync() => Organiser.InvokeAsync<EventSnapshot>("GetSnapshot", EventId);

    public async Task<string> SnapshotJsonAsync() => (await Organiser.InvokeAsync("GetSnapshot", EventId)).GetRawText();

    public async Task<long> StoredFactsAsync()
    {
        await using var connection = App.Get<Database>().Open();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM clock_facts WHERE event_id = @EventId", new { EventId });
    }

    /// <summary>
    /// Asserts the command is refused with <paramref name="code"/> and a German explanation, and that
    /// neither the stored facts nor anything a client sees changed (the fake clock stands still meanwhile).
    /// </summary>
    public async Task AssertRefusedAsync(string code, string method, params object[] args)
    {
        var before = await SnapshotJsonAsync();
        var facts = await StoredFactsAsync();

        var error = await Assert.ThrowsAsync<HubCallException>(() => CommandAsync(method, args));

        Assert.Equal(code, error.Code);
        Assert.Matches($"{code}: \\S.{{10,}}", error.Message);
        Assert.Equal(before, await SnapshotJsonAsync());
        Assert.Equal(facts, await StoredFactsAsync());
    }

    public static string Json(object value) => JsonSerializer.Serialize(value, Infrastructure.Json.Options);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}
