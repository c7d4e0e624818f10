using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Live;

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
