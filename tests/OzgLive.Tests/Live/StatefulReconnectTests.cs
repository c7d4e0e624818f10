using System.Net;
using System.Net.WebSockets;
using System.Text;
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
        await using var moderator = await fixture.ConnectAsync(Caller.AssignedModerator, ev.Id);
        using var http = App.CreateClient();
        var token = (await NegotiateAsync(http, statefulReconnect: true)).GetProperty("connectionToken").GetString()!;
        var hubUri = new Uri($"ws://{App.BaseAddress.Authority}{LiveHub.Path}?id={Uri.EscapeDataString(token)}");

        // Version 2 of the JSON protocol is the one with acks and sequence messages.
        using var first = new WireSocket();
        await first.ConnectAsync(hubUri);
        await first.SendAsync("{\"protocol\":\"json\",\"version\":2}");
        Assert.Equal("{}", await first.ReceiveAsync());
        await first.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinEvent\",\"arguments\":[\"{ev.Slug}\"]}}");
        var joined = await first.ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 3);
        var snapshotSeq = joined.GetProperty("result").Seq();
        first.Drop();

        // Given while the client is away: the server keeps them for it.
        await moderator.InvokeAsync("StartEvent", ev.Id);
        await moderator.InvokeAsync("StartBlock", ev.Id, 1);

        using var second = new WireSocket();
        await second.ConnectAsync(hubUri);
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
        await moderator.InvokeAsync("PauseBlock", ev.Id);
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

    /// <summary>
    /// The JSON hub protocol by hand, for what the test client does not do: protocol version 2, a
    /// connection dropped without a close, and a second socket for the same connection.
    /// </summary>
    private sealed class WireSocket : IDisposable
    {
        private const char RecordSeparator = '\u001e';
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
        private readonly ClientWebSocket socket = new();
        private readonly Queue<string> records = new();
        private readonly StringBuilder pending = new();

        public async Task ConnectAsync(Uri uri)
        {
            using var cancel = new CancellationTokenSource(Timeout);
            await socket.ConnectAsync(uri, cancel.Token);
        }

        public Task SendAsync(string record) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        /// <summary>Ends the connection the way a lost network does: no close message, no close frame.</summary>
        public void Drop() => socket.Abort();

        public async Task<string> ReceiveAsync()
        {
            using var cancel = new CancellationTokenSource(Timeout);
            var chunk = new byte[16 * 1024];
            while (records.Count == 0)
            {
                var result = await socket.ReceiveAsync(chunk, cancel.Token);
                Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
                pending.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
                var text = pending.ToString();
                var end = text.LastIndexOf(RecordSeparator);
                if (end >= 0)
                {
                    foreach (var record in text[..end].Split(RecordSeparator))
                    {
                        records.Enqueue(record);
                    }

                    pending.Clear().Append(text[(end + 1)..]);
                }
            }

            return records.Dequeue();
        }

        /// <summary>Skips pings, acks and anything else until a message matches.</summary>
        public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match)
        {
            while (true)
            {
                var message = JsonSerializer.Deserialize<JsonElement>(await ReceiveAsync());
                if (match(message))
                {
                    return message;
                }
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
