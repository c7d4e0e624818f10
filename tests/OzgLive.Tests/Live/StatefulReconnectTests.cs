using System.Net;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Live;

/// <summary>
/// The hub allows stateful reconnect (a client that lost its connection briefly gets the missed
/// messages replayed); these check the server's side of that, independent of any Origin header.
/// </summary>
public sealed class StatefulReconnectTests(LiveFixture fixture) : IClassFixture<LiveFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Negotiate_grants_stateful_reconnect_when_the_client_asks_for_it()
    {
        using var http = App.CreateClient();

        var asked = await NegotiateAsync(http, statefulReconnect: true);
        var notAsked = await NegotiateAsync(http, statefulReconnect: false);

        Assert.True(asked.GetProperty("useStatefulReconnect").GetBoolean());
        Assert.Equal(1, asked.GetProperty("negotiateVersion").GetInt32());
        Assert.False(string.IsNullOrEmpty(asked.GetProperty("connectionToken").GetString()));
        Assert.Contains(
            asked.GetProperty("availableTransports").EnumerateArray(),
            t => t.GetProperty("transport").GetString() == "WebSockets");
        Assert.False(notAsked.TryGetProperty("useStatefulReconnect", out var flag) && flag.GetBoolean());
    }

    [Fact]
    public async Task A_dropped_stateful_connection_gets_the_missed_deltas_replayed_in_seq_order()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);
        using var http = App.CreateClient();
        var token = (await NegotiateAsync(http, statefulReconnect: true)).GetProperty("connectionToken").GetString()!;
        var hubUri = new Uri($"ws://{App.BaseAddress.Authority}{LiveHub.Path}?id={Uri.EscapeDataString(token)}");

        // Version 2 of the JSON protocol is the one with acks and sequence messages.
        using var first = await RawHubSocket.ConnectAsync(hubUri);
        await first.HandshakeAsync(version: 2);
        await first.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinEvent\",\"arguments\":[\"{ev.Slug}\"]}}");
        var joined = await first.ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 3);
        var snapshotSeq = joined.GetProperty("result").Seq();
        first.Drop();

        // Given while the client is away: the server keeps them for it.
        await moderator.ClockAsync("StartEvent", ev.Id);
        await moderator.ClockAsync("StartBlock", ev.Id, 1);

        using var second = await RawHubSocket.ConnectAsync(hubUri);
        var sequence = await second.ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 9);
        Assert.True(sequence.GetProperty("sequenceId").GetInt64() >= 1);
        await second.SendAsync("{\"type\":9,\"sequenceId\":2}");

        var replayed = new List<long>();
        while (replayed.Count < 2)
        {
            var message = await second.ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 1);
            if (message.GetProperty("target").GetString() == ServerMessages.ClockChanged)
            {
                replayed.Add(message.GetProperty("arguments")[0].Seq());
            }
        }

        Assert.Equal([snapshotSeq + 1, snapshotSeq + 2], replayed);

        // The same hub connection carries on: calls work and new deltas follow on.
        await second.SendAsync($"{{\"type\":1,\"invocationId\":\"2\",\"target\":\"GetSnapshot\",\"arguments\":[{ev.Id}]}}");
        var answer = await second.ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 3 && m.GetProperty("invocationId").GetString() == "2");
        Assert.Equal(snapshotSeq + 2, answer.GetProperty("result").Seq());
        await moderator.ClockAsync("PauseBlock", ev.Id);
        var next = await second.ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 1);
        Assert.Equal(snapshotSeq + 3, next.GetProperty("arguments")[0].Seq());
    }

    private static async Task<JsonElement> NegotiateAsync(HttpClient http, bool statefulReconnect)
    {
        var path = $"{LiveHub.Path}/negotiate?negotiateVersion=1" + (statefulReconnect ? "&useStatefulReconnect=true" : "");
        using var response = await http.PostAsync(path, content: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }
}
