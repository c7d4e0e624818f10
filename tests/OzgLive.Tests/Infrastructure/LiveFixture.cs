using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Questions;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Infrastructure;

/// <summary>Who calls the hub, as seen from one event.</summary>
public enum HubCaller
{
    /// <summary>Not signed in: the public audience.</summary>
    Viewer,

    /// <summary>A signed-in moderator account that moderates another event, not this one.</summary>
    UnassignedModerator,

    /// <summary>A moderator account assigned to this event.</summary>
    AssignedModerator,

    /// <summary>An organiser account (organisers may act in every event).</summary>
    Organiser,
}

/// <summary>One hub connection in one role, with the snapshot it got on joining.</summary>
public sealed class Participant(HubTestClient client, string name) : IAsyncDisposable
{
    public HubTestClient Client => client;

    /// <summary>For assertion messages: "viewer A", "moderator 2", "presenter".</summary>
    public string Name => name;

    public string? ViewerId { get; init; }

    public string? Token { get; init; }

    /// <summary>The answer to JoinEvent (or JoinAsPresenter); default when the client did not join.</summary>
    public JsonElement Joined { get; set; }

    public IReadOnlyList<ServerMessage> Received => client.Received;

    public Task<JsonElement> InvokeAsync(string target, params object?[] arguments) => client.InvokeAsync(target, arguments);

    public Task<JsonElement> ClockAsync(string command, long eventId, params object?[] arguments) => client.ClockAsync(command, eventId, arguments);

    public Task<JsonElement> PollAsync(string method, long eventId, long pollId, params object?[] arguments) => client.PollAsync(method, eventId, pollId, arguments);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    public override string ToString() => name;
}

/// <summary>
/// One real app per test class (real Kestrel, real SQLite file, fake clock), for everything that
/// talks to the hub: events, signed-in roles and their connections, and what is stored. Tests stay
/// independent by creating their own events and accounts, so nothing one test does is visible to another.
/// The hub tests use it with the app's default limits; <see cref="QuestionFixture"/> names its
/// events differently and raises the limits.
/// </summary>
public class LiveFixture : IAsyncLifetime
{
    private readonly FixtureNames names;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private long seriesId;
    private long? otherEventId;
    private CookieContainer? organiserCookies;

    public LiveFixture()
        : this(new FixtureNames("Testreihe Live", "testreihe-live", "live-test-", "Spot on OZG Testsendung", "Eine Sendung für die Hub-Tests."), new Dictionary<string, string?>())
    {
    }

    protected LiveFixture(FixtureNames names, IReadOnlyDictionary<string, string?> settings)
    {
        this.names = names;
        this.settings = settings;
    }

    public TestApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.StartAsync(seedDemo: false, extra: settings.ToDictionary());
        var series = await App.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = names.SeriesTitle, Slug = names.SeriesSlug });
        Assert.True(series.Ok, string.Join("; ", series.Errors.Values));
        seriesId = series.Id;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Creates a scheduled (or draft) event with <paramref name="blocks"/> 30-minute blocks, each with one speaker.</summary>
    public async Task<TestEvent> CreateEventAsync(string status = "scheduled", int blocks = 3) =>
        await App.CreateEventAsync(seriesId, names.SlugPrefix, names.EventTitle, names.EventDescription, status, blocks);

    /// <summary>Cookies of a fresh session for <paramref name="caller"/> in <paramref name="eventId"/> (null: anonymous).</summary>
    public async Task<CookieContainer?> CookiesForAsync(HubCaller caller, long eventId) => caller switch
    {
        HubCaller.Viewer => null,
        HubCaller.Organiser => organiserCookies ??= await App.SignInAsync(),
        HubCaller.UnassignedModerator => await ModeratorCookiesAsync(otherEventId ??= (await CreateEventAsync()).Id),
        HubCaller.AssignedModerator => await ModeratorCookiesAsync(eventId),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    /// <summary>A connection of <paramref name="caller"/>, not joined to any event yet.</summary>
    public async Task<HubTestClient> ConnectAsync(HubCaller caller, long eventId) =>
        await App.ConnectAsync(await CookiesForAsync(caller, eventId));

    /// <summary>An anonymous viewer: connects, identifies (with <paramref name="token"/> from an earlier visit, if given) and joins.</summary>
    public async Task<Participant> ViewerAsync(TestEvent ev, string name = "viewer", string? token = null, bool join = true)
    {
        var client = await App.ConnectAsync();
        var ticket = await client.InvokeAsync("IdentifyViewer", token);
        var viewer = new Participant(client, name)
        {
            ViewerId = ticket.GetProperty("viewerId").GetString(),
            Token = ticket.GetProperty("token").GetString(),
        };
        if (join)
        {
            viewer.Joined = await client.InvokeAsync("JoinEvent", ev.Slug);
        }

        return viewer;
    }

    /// <summary>A viewer connection that never identified itself (no viewer id).</summary>
    public async Task<Participant> AnonymousAsync(TestEvent ev, string name = "anonymous")
    {
        var client = await App.ConnectAsync();
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinEvent", ev.Slug) };
    }

    /// <summary>A new moderator account assigned to <paramref name="ev"/> (and <paramref name="alsoAssignedTo"/>), signed in and joined.</summary>
    public async Task<Participant> ModeratorAsync(TestEvent ev, string name = "moderator", params long[] alsoAssignedTo) =>
        await JoinWithAsync(await ModeratorCookiesAsync([ev.Id, .. alsoAssignedTo]), ev, name);

    /// <summary>The session cookies of a new moderator account assigned to these events.</summary>
    public async Task<CookieContainer> ModeratorCookiesAsync(params long[] eventIds)
    {
        var (_, email) = await App.CreateModeratorAsync($"mod-{Guid.NewGuid():N}@test.local", eventIds);
        return await App.SignInAsync(email, TestApp.OrganiserPassword);
    }

    /// <summary>Connects with a signed-in session's cookies (e.g. again after a restart) and joins.</summary>
    public async Task<Participant> JoinWithAsync(CookieContainer cookies, TestEvent ev, string name = "moderator")
    {
        var client = await App.ConnectAsync(cookies);
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinEvent", ev.Slug) };
    }

    /// <summary>A presenter screen joining with a key it already has.</summary>
    public async Task<Participant> PresenterWithKeyAsync(TestEvent ev, string key, string name = "presenter")
    {
        var client = await App.ConnectAsync();
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinAsPresenter", ev.Slug, key) };
    }

    /// <summary>A moderator account of another event only.</summary>
    public async Task<Participant> ForeignModeratorAsync(TestEvent ownEvent, TestEvent joined, string name = "foreign moderator")
    {
        var (_, email) = await App.CreateModeratorAsync($"mod-{Guid.NewGuid():N}@test.local", ownEvent.Id);
        var client = await App.ConnectAsync(await App.SignInAsync(email, TestApp.OrganiserPassword));
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinEvent", joined.Slug) };
    }

    /// <summary>An organiser connection, joined to <paramref name="ev"/> if given (organisers may act in every event).</summary>
    public async Task<Participant> OrganiserAsync(TestEvent? ev = null, string name = "organiser")
    {
        var client = await App.ConnectAsync(organiserCookies ??= await App.SignInAsync());
        var organiser = new Participant(client, name);
        if (ev is not null)
        {
            organiser.Joined = await client.InvokeAsync("JoinEvent", ev.Slug);
        }

        return organiser;
    }

    /// <summary>The presenter screen: the organiser makes a presenter key, an anonymous client joins with it.</summary>
    public async Task<Participant> PresenterAsync(TestEvent ev, string name = "presenter")
    {
        string key;
        await using (var organiser = await OrganiserAsync())
        {
            key = (await organiser.InvokeAsync("RegeneratePresenterKey", ev.Id)).GetString()!;
        }

        return await PresenterWithKeyAsync(ev, key, name);
    }

    /// <summary>The question as stored: what the database says, not what any client was told.</summary>
    public async Task<Question> StoredAsync(long questionId)
    {
        await using var connection = App.Get<Database>().Open();
        return await QuestionStore.LoadAsync(connection, null, questionId) ?? throw new InvalidOperationException($"Question {questionId} is not stored.");
    }

    public async Task<IReadOnlyList<Question>> StoredQuestionsAsync(long eventId)
    {
        await using var connection = App.Get<Database>().Open();
        return await QuestionStore.ListAsync(connection, null, eventId);
    }

    public async Task<(long Seq, long ModSeq)> SeqsAsync(long eventId)
    {
        await using var connection = App.Get<Database>().Open();
        return await connection.QuerySingleAsync<(long, long)>("SELECT seq, mod_seq FROM events WHERE id = @eventId", new { eventId });
    }

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(long eventId) => App.Get<QuestionStore>().AuditAsync(eventId);

    /// <summary>Everything stored about the event's questions, as one text: equal before and after means nothing changed.</summary>
    public Task<string> StoredStateAsync(long eventId) => StoredRowsAsync(
        eventId,
        "SELECT seq, mod_seq, questions_state, auto_approve, settings_version, presenter_key FROM events WHERE id = @eventId",
        "SELECT position, questions_state FROM blocks WHERE event_id = @eventId ORDER BY position",
        "SELECT * FROM questions WHERE event_id = @eventId ORDER BY id",
        "SELECT v.* FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.event_id = @eventId ORDER BY v.question_id, v.viewer_id",
        "SELECT a.* FROM question_askers a JOIN questions q ON q.id = a.question_id WHERE q.event_id = @eventId ORDER BY a.question_id, a.viewer_id",
        "SELECT * FROM audit_log WHERE event_id = @eventId ORDER BY id",
        "SELECT * FROM backstage_messages WHERE event_id = @eventId ORDER BY id");

    /// <summary>The rows the <paramref name="queries"/> (with <c>@eventId</c>) return, as one text.</summary>
    public async Task<string> StoredRowsAsync(long eventId, params string[] queries)
    {
        await using var connection = App.Get<Database>().Open();
        var parts = new List<string>();
        foreach (var sql in queries)
        {
            var rows = await connection.QueryAsync(sql, new { eventId });
            parts.Add(JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object>)r)));
        }

        return string.Join("\n", parts);
    }

    /// <summary>Asks as <paramref name="viewer"/> and approves as <paramref name="moderator"/>; the moderator's view of the question.</summary>
    public async Task<JsonElement> ApprovedAsync(TestEvent ev, Participant viewer, Participant moderator, string text)
    {
        var asked = await viewer.AskAsync(ev.Id, text);
        return await moderator.InvokeAsync("ApproveQuestion", ev.Id, asked.Id(), (await StoredAsync(asked.Id())).Version);
    }

    /// <summary>Calls a moderator method (eventId, questionId, version, rest…) with the version stored now.</summary>
    public async Task<JsonElement> ActAsync(Participant moderator, string method, long eventId, long questionId, params object?[] rest)
    {
        var version = (await StoredAsync(questionId)).Version;
        return await moderator.InvokeAsync(method, [eventId, questionId, version, .. rest]);
    }
}

/// <summary>How a fixture names its series and events (some tests read the names back).</summary>
public sealed record FixtureNames(string SeriesTitle, string SeriesSlug, string SlugPrefix, string EventTitle, string EventDescription);
