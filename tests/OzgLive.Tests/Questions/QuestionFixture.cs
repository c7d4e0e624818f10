using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Questions;

/// <summary>A test event made through the organiser's editor: scheduled (unless said otherwise), 30-minute blocks.</summary>
public sealed record QEvent(long Id, string Slug, int Blocks);

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

    public ValueTask DisposeAsync() => client.DisposeAsync();

    public override string ToString() => name;
}

/// <summary>
/// One real app per test class (real Kestrel, real SQLite file, fake clock) with limits high enough
/// that tests sharing the app and its frozen minute never hit them; the limit tests start their own
/// app with the defaults. Tests stay independent by creating their own events and accounts.
/// </summary>
public class QuestionFixture : IAsyncLifetime
{
    /// <summary>All clients come from 127.0.0.1 and the fake clock stands still: without this every class would share one minute's budget.</summary>
    public static readonly IReadOnlyDictionary<string, string?> GenerousLimits = new Dictionary<string, string?>
    {
        ["Questions:QuestionsPerViewerPerMinute"] = "100000",
        ["Questions:VotesPerViewerPerMinute"] = "100000",
        ["Questions:QuestionsPerAddressPerMinute"] = "100000",
        ["Questions:VotesPerAddressPerMinute"] = "100000",
        ["Questions:NewViewersPerAddressPerMinute"] = "100000",
    };

    public static readonly string[] NumberedTargets =
        ["ClockChanged", "EventUpdated", "QuestionsChanged", "QueueChanged", "QuestionSettingsChanged", "PresenterKeyChanged"];

    private readonly IReadOnlyDictionary<string, string?> settings;
    private long seriesId;
    private CookieContainer? organiserCookies;

    public QuestionFixture()
        : this(GenerousLimits)
    {
    }

    internal QuestionFixture(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    public TestApp App { get; private set; } = null!;

    /// <summary>A fixture of its own for one test, with these settings (none: the app's defaults).</summary>
    public static async Task<QuestionFixture> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fixture = new QuestionFixture(settings ?? new Dictionary<string, string?>());
        await fixture.InitializeAsync();
        return fixture;
    }

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.StartAsync(seedDemo: false, extra: settings.ToDictionary());
        var series = await App.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = "Testreihe Fragen", Slug = "testreihe-fragen" });
        Assert.True(series.Ok, string.Join("; ", series.Errors.Values));
        seriesId = series.Id;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    public async Task<QEvent> CreateEventAsync(string status = "scheduled", int blocks = 3)
    {
        var created = await App.CreateEventAsync(seriesId, "fragen-", "Spot on OZG Fragerunde", "Eine Sendung für die Fragen-Tests.", status, blocks);
        return new QEvent(created.Id, created.Slug, blocks);
    }

    /// <summary>An anonymous viewer: connects, identifies (with <paramref name="token"/> from an earlier visit, if given) and joins.</summary>
    public async Task<Participant> ViewerAsync(QEvent ev, string name = "viewer", string? token = null, bool join = true)
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
    public async Task<Participant> AnonymousAsync(QEvent ev, string name = "anonymous")
    {
        var client = await App.ConnectAsync();
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinEvent", ev.Slug) };
    }

    /// <summary>A new moderator account assigned to <paramref name="ev"/> (and <paramref name="alsoAssignedTo"/>), signed in and joined.</summary>
    public async Task<Participant> ModeratorAsync(QEvent ev, string name = "moderator", params long[] alsoAssignedTo) =>
        await JoinWithAsync(await ModeratorCookiesAsync([ev.Id, .. alsoAssignedTo]), ev, name);

    /// <summary>The session cookies of a new moderator account assigned to these events.</summary>
    public async Task<CookieContainer> ModeratorCookiesAsync(params long[] eventIds)
    {
        var (_, email) = await App.CreateModeratorAsync($"mod-{Guid.NewGuid():N}@test.local", eventIds);
        return await App.SignInAsync(email, TestApp.OrganiserPassword);
    }

    /// <summary>Connects with a signed-in session's cookies (e.g. again after a restart) and joins.</summary>
    public async Task<Participant> JoinWithAsync(CookieContainer cookies, QEvent ev, string name = "moderator")
    {
        var client = await App.ConnectAsync(cookies);
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinEvent", ev.Slug) };
    }

    /// <summary>A presenter screen joining with a key it already has.</summary>
    public async Task<Participant> PresenterWithKeyAsync(QEvent ev, string key, string name = "presenter")
    {
        var client = await App.ConnectAsync();
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinAsPresenter", ev.Slug, key) };
    }

    /// <summary>A moderator account of another event only.</summary>
    public async Task<Participant> ForeignModeratorAsync(QEvent ownEvent, QEvent joined, string name = "foreign moderator")
    {
        var (_, email) = await App.CreateModeratorAsync($"mod-{Guid.NewGuid():N}@test.local", ownEvent.Id);
        var client = await App.ConnectAsync(await App.SignInAsync(email, TestApp.OrganiserPassword));
        return new Participant(client, name) { Joined = await client.InvokeAsync("JoinEvent", joined.Slug) };
    }

    /// <summary>An organiser connection, joined to <paramref name="ev"/> if given (organisers may act in every event).</summary>
    public async Task<Participant> OrganiserAsync(QEvent? ev = null, string name = "organiser")
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
    public async Task<Participant> PresenterAsync(QEvent ev, string name = "presenter")
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
    public async Task<string> StoredStateAsync(long eventId)
    {
        await using var connection = App.Get<Database>().Open();
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT seq, mod_seq, questions_state, auto_approve, settings_version, presenter_key FROM events WHERE id = @eventId",
            "SELECT position, questions_state FROM blocks WHERE event_id = @eventId ORDER BY position",
            "SELECT * FROM questions WHERE event_id = @eventId ORDER BY id",
            "SELECT v.* FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.event_id = @eventId ORDER BY v.question_id, v.viewer_id",
            "SELECT a.* FROM question_askers a JOIN questions q ON q.id = a.question_id WHERE q.event_id = @eventId ORDER BY a.question_id, a.viewer_id",
            "SELECT * FROM audit_log WHERE event_id = @eventId ORDER BY id",
            "SELECT * FROM backstage_messages WHERE event_id = @eventId ORDER BY id",
        })
        {
            var rows = await connection.QueryAsync(sql, new { eventId });
            parts.Add(JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object>)r)));
        }

        return string.Join("\n", parts);
    }

    /// <summary>Asks as <paramref name="viewer"/> and approves as <paramref name="moderator"/>; the moderator's view of the question.</summary>
    public async Task<JsonElement> ApprovedAsync(QEvent ev, Participant viewer, Participant moderator, string text)
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

/// <summary>Shorthands for the question calls and for reading their answers.</summary>
public static class QuestionCalls
{
    public static long Id(this JsonElement question) => question.GetProperty("id").GetInt64();

    public static long Version(this JsonElement question) => question.GetProperty("version").GetInt64();

    public static string Status(this JsonElement question) => question.GetProperty("status").GetString()!;

    public static string Text(this JsonElement question) => question.GetProperty("text").GetString()!;

    public static long Seq(this JsonElement message) => message.GetProperty("seq").GetInt64();

    public static string NewClientId() => "c" + Guid.NewGuid().ToString("N");

    public static Task<JsonElement> AskAsync(
        this Participant viewer, long eventId, string text, string? clientId = null, string? displayName = null, string? organisation = null, int? blockNumber = null) =>
        viewer.InvokeAsync("AskQuestion", eventId, new { clientId = clientId ?? NewClientId(), text, displayName, organisation, blockNumber });

    /// <summary>The call must be refused; returns the error code.</summary>
    public static async Task<string> RefusedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubCallException>(call);
        return error.Code;
    }

    /// <summary>The messages of <paramref name="target"/> received so far.</summary>
    public static IReadOnlyList<JsonElement> Messages(this Participant participant, string target) =>
        participant.Received.Where(m => m.Target == target).Select(m => m.Argument).ToList();

    /// <summary>The seq of every numbered message received, in arrival order.</summary>
    public static IReadOnlyList<long> NumberedSeqs(this Participant participant) =>
        participant.Received.Where(m => QuestionFixture.NumberedTargets.Contains(m.Target)).Select(m => m.Argument.Seq()).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages of <paramref name="target"/> arrived.</summary>
    public static async Task<IReadOnlyList<JsonElement>> WaitForCountAsync(this Participant participant, string target, int count, TimeSpan? timeout = null)
    {
        await participant.Client.WaitUntilAsync(
            _ => participant.Messages(target).Count >= count,
            _ => $"{participant}: expected {count} {target}, got {participant.Messages(target).Count}.",
            timeout ?? TimeSpan.FromSeconds(15));
        return participant.Messages(target);
    }

    /// <summary>A round trip on the connection: whatever the server sent it before answering has arrived.</summary>
    public static Task<JsonElement> SnapshotAsync(this Participant participant, long eventId) =>
        participant.InvokeAsync("GetSnapshot", eventId);

    /// <summary>The ids in a list of questions (a snapshot's publicQuestions or queue, a message's questions).</summary>
    public static IReadOnlyList<long> Ids(this JsonElement list) => list.EnumerateArray().Select(q => q.Id()).ToList();

    /// <summary>A plain array of ids (a message's "removed").</summary>
    public static IReadOnlyList<long> IdArray(this JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToList();

    public static JsonElement Find(this JsonElement list, long id) => list.EnumerateArray().Single(q => q.Id() == id);
}
