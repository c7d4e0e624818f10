using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Live;

/// <summary>
/// Broadcasts leave the event's lock and go to each connection on its own: a client that stops
/// reading holds up nobody and is cut off; clients joining while changes go on get every change
/// exactly once; a viewer's own questions reach all of that viewer's connections and nobody else.
/// </summary>
public sealed class SendingAndJoiningTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private const string RecordSeparator = "\u001e";

    [Fact]
    public async Task A_client_that_stops_reading_holds_up_neither_the_moderator_nor_other_viewers_nor_joins_and_is_disconnected()
    {
        var settings = new Dictionary<string, string?>(QuestionFixture.GenerousLimits) { ["Live:MaxQueuedMessagesPerConnection"] = "4" };
        var app = await QuestionFixture.StartAsync(settings);
        try
        {
            var ev = await app.CreateEventAsync();
            await using var moderator = await app.OrganiserAsync(ev);
            await using var viewer = await app.AnonymousAsync(ev, "reading viewer");
            using var stalled = await StalledViewer.JoinAsync(app.App.BaseAddress, ev.Slug);
            var counter = app.App.Get<ViewerCounter>();
            Assert.Equal(2, counter.Count(ev.Id));

            // One public question with a long written answer; each change edits its text, so every
            // viewer gets the question in full again (about 2.6 KB) while the event's state stays
            // small. The stalled viewer never reads: once the operating system's and the transport's
            // buffers are full (a few megabytes on this machine), its messages queue up on the
            // server. With sends under the event's lock the next change, and every join, would then
            // wait for it for good; here the changes go on, the reading viewer gets each one before
            // the next is made, and the stalled connection is dropped once more than four messages
            // wait for it.
            var answer = string.Concat(Enumerable.Repeat("Die Antwort steht im Leitfaden. ", 60));
            var text = string.Concat(Enumerable.Repeat("Wie geht es mit der Digitalisierung weiter? ", 11));
            var question = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text, displayName = "Max Muster", organisation = "Stadt Kassel", source = "email" });
            var id = question.GetProperty("id").GetInt64();
            question = await moderator.InvokeAsync("MarkAnswered", ev.Id, id, question.GetProperty("version").GetInt64(), answer);
            var seq = viewer.Joined.Seq() + 2;
            await viewer.Client.WaitForAsync("QuestionsChanged", m => m.Seq() == seq);

            const int MaxChanges = 5000;
            var changes = 0;
            while (counter.Count(ev.Id) == 2)
            {
                Assert.True(changes < MaxChanges, $"The stalled client was still connected after {MaxChanges} changes.");
                question = await moderator.InvokeAsync("EditQuestion", ev.Id, id, question.GetProperty("version").GetInt64(), $"{changes}: {text}");
                changes++;
                seq++;
                await viewer.Client.WaitForAsync("QuestionsChanged", m => m.Seq() == seq);
                if (changes % 100 == 0)
                {
                    // A join (a moderator's takes the event's lock) is not held up either.
                    await using var joining = await app.OrganiserAsync(ev, "joining organiser");
                    Assert.Equal("organiser", joining.Joined.GetProperty("role").GetString());
                }
            }

            // The event kept moving for everybody else after the stalled connection was dropped.
            await moderator.InvokeAsync("EditQuestion", ev.Id, id, question.GetProperty("version").GetInt64(), "Und danach?");
            await viewer.Client.WaitForAsync("QuestionsChanged", m => m.Seq() == seq + 1);

            // What the stalled client got before it was cut off came in order, without a gap, and
            // was not everything: the connection ends where the server dropped it.
            var got = (await stalled.ReadToEndAsync())
                .Where(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == "QuestionsChanged")
                .Select(m => m.GetProperty("arguments")[0].Seq())
                .ToList();
            Assert.Equal(Enumerable.Range(0, got.Count).Select(i => stalled.SnapshotSeq + 1 + i), got);
            Assert.True(got.Count < changes + 2, $"The stalled client got {got.Count} of {changes + 2} changes, so nothing was held back for it.");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Clients_joining_while_changes_go_on_each_get_every_change_exactly_once_in_the_snapshot_or_as_the_next_number()
    {
        const int Changes = 60;
        const int Waves = 3;
        const int JoinersPerWave = 10;
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.OrganiserAsync(ev);
        var startSeq = (await fixture.SeqsAsync(ev.Id)).Seq;

        var joiners = new List<(HubTestClient Client, JsonElement Snapshot)>();
        try
        {
            // Each wave joins while its share of the changes goes on, and a wave starts only after
            // the one before and its changes are done: so the joins race the changes, and the second
            // and third waves join after some changes and before the last, whatever the timing.
            var all = new List<long>();
            for (var wave = 0; wave < Waves; wave++)
            {
                var clients = new List<HubTestClient>();
                for (var i = 0; i < JoinersPerWave; i++)
                {
                    clients.Add(await fixture.App.ConnectAsync());
                }

                var first = wave * (Changes / Waves);
                var changes = Task.Run(async () =>
                {
                    var ids = new List<long>();
                    for (var i = first; i < first + Changes / Waves; i++)
                    {
                        var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = $"Frage Nummer {i} aus dem Chat", source = "youTube" });
                        ids.Add(added.GetProperty("id").GetInt64());
                    }

                    return ids;
                });

                var snapshots = await Task.WhenAll(clients.Select(c => c.InvokeAsync("JoinEvent", ev.Slug)));
                joiners.AddRange(clients.Zip(snapshots));
                all.AddRange(await changes);
            }

            var finalSeq = (await fixture.SeqsAsync(ev.Id)).Seq;
            Assert.Equal(startSeq + Changes, finalSeq);
            Assert.Contains(joiners, j => j.Snapshot.Seq() > startSeq && j.Snapshot.Seq() < finalSeq);

            foreach (var (client, snapshot) in joiners)
            {
                var seq = snapshot.Seq();
                if (seq < finalSeq)
                {
                    await client.WaitForAsync("QuestionsChanged", m => m.Seq() == finalSeq);
                }

                var deltas = client.Received.Where(m => m.Target == "QuestionsChanged").Select(m => m.Argument).ToList();
                Assert.Equal(Enumerable.Range(1, (int)(finalSeq - seq)).Select(n => seq + n), deltas.Select(d => d.Seq()));

                var inSnapshot = snapshot.GetProperty("publicQuestions").EnumerateArray().Select(q => q.GetProperty("id").GetInt64()).ToList();
                var asMessages = deltas.SelectMany(d => d.GetProperty("questions").EnumerateArray()).Select(q => q.GetProperty("id").GetInt64()).ToList();
                Assert.Empty(inSnapshot.Intersect(asMessages));
                Assert.Equal(all.Order(), inSnapshot.Concat(asMessages).Order());
            }
        }
        finally
        {
            foreach (var (client, _) in joiners)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_viewers_own_question_messages_reach_all_of_that_viewers_connections_and_nobody_else()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.OrganiserAsync(ev);
        await using var firstTab = await fixture.ViewerAsync(ev, "author, first tab");
        var secondTab = await fixture.ViewerAsync(ev, "author, second tab", token: firstTab.Token);
        await using var other = await fixture.ViewerAsync(ev, "another viewer");
        await using var otherUnjoined = await fixture.ViewerAsync(ev, "another viewer, not joined", join: false);
        Assert.Equal(firstTab.ViewerId, secondTab.ViewerId);

        var asked = await firstTab.InvokeAsync("AskQuestion", ev.Id, new { clientId = "eigene-frage-1", text = "Gilt das auch für kleine Gemeinden?", displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
        var id = asked.GetProperty("id").GetInt64();
        foreach (var tab in new[] { firstTab, secondTab })
        {
            await tab.Client.WaitForAsync("MyQuestionsChanged", m => Mine(m, id, "pending"));
        }

        // A new question has version 1.
        await moderator.InvokeAsync("ApproveQuestion", ev.Id, id, 1L);
        foreach (var tab in new[] { firstTab, secondTab })
        {
            await tab.Client.WaitForAsync("MyQuestionsChanged", m => Mine(m, id, "approved"));
        }

        // The approval reached the other viewer as a public change; a round trip on each other
        // connection is a barrier for anything sent to it before.
        await other.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions").EnumerateArray().Any(q => q.GetProperty("id").GetInt64() == id));
        foreach (var someoneElse in new[] { other, otherUnjoined, moderator })
        {
            await someoneElse.Client.RoundTripAsync(ev.Id);
            Assert.DoesNotContain(someoneElse.Received, m => m.Target == "MyQuestionsChanged");
        }

        // A tab that closed no longer counts; the other still gets its messages.
        await secondTab.DisposeAsync();
        var second = await firstTab.InvokeAsync("AskQuestion", ev.Id, new { clientId = "eigene-frage-2", text = "Und für Landkreise?", displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
        await firstTab.Client.WaitForAsync("MyQuestionsChanged", m => Mine(m, second.GetProperty("id").GetInt64(), "pending"));
    }

    private static bool Mine(JsonElement message, long id, string status) =>
        message.GetProperty("questions").EnumerateArray().Any(q => q.GetProperty("id").GetInt64() == id && q.GetProperty("status").GetString() == status);

    /// <summary>
    /// A viewer whose phone lost the network without closing the connection: it speaks the hub
    /// protocol until it has joined and then never reads again, over a socket with a small receive
    /// buffer, so the server's writes to it soon cannot go out.
    /// </summary>
    private sealed class StalledViewer : IDisposable
    {
        private readonly ClientWebSocket socket;
        private readonly StringBuilder pending = new();
        private readonly Decoder utf8 = Encoding.UTF8.GetDecoder();

        private StalledViewer(ClientWebSocket socket) => this.socket = socket;

        public long SnapshotSeq { get; private set; }

        public static async Task<StalledViewer> JoinAsync(Uri baseAddress, string slug)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                    try
                    {
                        await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(tcp, ownsSocket: true);
                    }
                    catch
                    {
                        tcp.Dispose();
                        throw;
                    }
                },
            };
            var socket = new ClientWebSocket();
            var uri = new UriBuilder(new Uri(baseAddress, LiveHub.Path)) { Scheme = "ws" }.Uri;
            await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), CancellationToken.None);
            var viewer = new StalledViewer(socket);
            await viewer.SendAsync("{\"protocol\":\"json\",\"version\":1}");
            Assert.NotNull(await viewer.ReceiveRecordAsync());
            await viewer.SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "JoinEvent", arguments = new[] { slug } }));
            while (await viewer.ReceiveRecordAsync() is string record)
            {
                var message = JsonDocument.Parse(record).RootElement;
                if (message.GetProperty("type").GetInt32() == 3)
                {
                    viewer.SnapshotSeq = message.GetProperty("result").Seq();
                    return viewer;
                }
            }

            throw new InvalidOperationException("The connection closed before JoinEvent was answered.");
        }

        /// <summary>Reads what the server managed to send before it dropped the connection.</summary>
        public async Task<IReadOnlyList<JsonElement>> ReadToEndAsync()
        {
            var messages = new List<JsonElement>();
            while (await ReceiveRecordAsync() is string record)
            {
                messages.Add(JsonDocument.Parse(record).RootElement);
            }

            return messages;
        }

        public void Dispose() => socket.Dispose();

        private Task SendAsync(string text) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        /// <returns>The next record; null once the connection has ended.</returns>
        private async Task<string?> ReceiveRecordAsync()
        {
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var text = pending.ToString();
                var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
                if (end >= 0)
                {
                    pending.Remove(0, end + 1);
                    return text[..end];
                }

                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    var result = await socket.ReceiveAsync(buffer, timeout.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return null;
                    }

                    var chars = new char[result.Count];
                    pending.Append(chars, 0, utf8.GetChars(buffer, 0, result.Count, chars, 0));
                }
                catch (Exception ex) when (ex is WebSocketException or IOException)
                {
                    return null;
                }
            }
        }
    }
}
