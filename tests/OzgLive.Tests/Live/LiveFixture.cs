using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Live;

/// <summary>Who calls the hub, as seen from one event.</summary>
public enum Caller
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

/// <summary>A test event: created through the organiser's editor, with three 30-minute blocks.</summary>
public sealed record TestEvent(long Id, string Slug, IReadOnlyList<long> BlockIds);

/// <summary>
/// One real app per test class (real Kestrel, real SQLite file, fake clock). Tests stay independent
/// by creating their own event and accounts, so nothing one test does is visible to another.
/// </summary>
public sealed class LiveFixture : IAsyncLifetime
{
    private long seriesId;
    private long otherEventId;
    private CookieContainer? organiserCookies;

    public TestApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.StartAsync(seedDemo: false);
        var series = await App.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = "Testreihe Live", Slug = "testreihe-live" });
        Assert.True(series.Ok, string.Join("; ", series.Errors.Values));
        seriesId = series.Id;
        otherEventId = (await CreateEventAsync()).Id;
        organiserCookies = await App.SignInAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Creates a scheduled (or draft) event with <paramref name="blocks"/> blocks, each with one speaker.</summary>
    public async Task<TestEvent> CreateEventAsync(string status = "scheduled", int blocks = 3)
    {
        var created = await App.CreateEventAsync(seriesId, "live-test-", "Spot on OZG Testsendung", "Eine Sendung für die Hub-Tests.", status, blocks);
        return new TestEvent(created.Id, created.Slug, created.BlockIds);
    }

    /// <summary>Cookies of a fresh session for <paramref name="caller"/> in <paramref name="eventId"/> (null: anonymous).</summary>
    public async Task<CookieContainer?> CookiesForAsync(Caller caller, long eventId)
    {
        switch (caller)
        {
            case Caller.Viewer:
                return null;
            case Caller.Organiser:
                return organiserCookies ??= await App.SignInAsync();
            case Caller.UnassignedModerator:
            {
                var (_, email) = await App.CreateModeratorAsync(UniqueEmail(), otherEventId);
                return await App.SignInAsync(email, TestApp.OrganiserPassword);
            }

            case Caller.AssignedModerator:
            {
                var (_, email) = await App.CreateModeratorAsync(UniqueEmail(), eventId);
                return await App.SignInAsync(email, TestApp.OrganiserPassword);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(caller));
        }
    }

    public async Task<HubTestClient> ConnectAsync(Caller caller, long eventId) =>
        await App.ConnectAsync(await CookiesForAsync(caller, eventId));

    private static string UniqueEmail() => $"mod-{Guid.NewGuid():N}@test.local";
}

/// <summary>Helpers for reading what a hub client received.</summary>
public static class LiveAssert
{
    public static readonly string[] DeltaTargets = [ServerMessages.ClockChanged, ServerMessages.EventUpdated];

    /// <summary>The deltas (ClockChanged, EventUpdated) the client received, in arrival order.</summary>
    public static IReadOnlyList<ServerMessage> Deltas(this HubTestClient client) =>
        client.Received.Where(m => DeltaTargets.Contains(m.Target)).ToList();

    public static long Seq(this JsonElement message) => message.GetProperty("seq").GetInt64();

    public static IReadOnlyList<long> DeltaSeqs(this HubTestClient client) => client.Deltas().Select(m => m.Argument.Seq()).ToList();

    /// <summary>Waits until the client has received at least <paramref name="count"/> deltas.</summary>
    public static async Task<IReadOnlyList<ServerMessage>> WaitForDeltasAsync(this HubTestClient client, int count, TimeSpan? timeout = null)
    {
        await client.WaitUntilAsync(
            _ => client.Deltas().Count >= count,
            _ => $"Expected {count} deltas, got {client.Deltas().Count}: seq {string.Join(", ", client.DeltaSeqs())}.",
            timeout ?? TimeSpan.FromSeconds(15));
        return client.Deltas();
    }

    /// <summary>
    /// A round trip on the same connection: anything the server sent to this client before it
    /// answers has arrived once this returns, because one connection's messages keep their order.
    /// </summary>
    public static Task<JsonElement> RoundTripAsync(this HubTestClient client, long eventId) =>
        client.InvokeAsync("GetSnapshot", eventId);

    /// <summary>What is stored for the event: its stored clock facts and the snapshot they give (seq, event, clock).</summary>
    public static async Task<string> StoredStateAsync(TestApp app, long eventId)
    {
        var snapshot = await app.Get<SnapshotReader>().ReadAsync(eventId, EventRole.Organiser, viewerId: null)
            ?? throw new InvalidOperationException($"Event {eventId} is gone.");
        await using var connection = app.Get<Database>().Open();
        var facts = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM clock_facts WHERE event_id = @eventId", new { eventId });
        return $"facts={facts} " + JsonSerializer.Serialize(snapshot, Json.Options);
    }
}
