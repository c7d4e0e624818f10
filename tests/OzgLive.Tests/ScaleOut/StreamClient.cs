using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;

namespace OzgLive.Tests.ScaleOut;

/// <summary>
/// A client that follows one event's numbered stream exactly as docs/hub-protocol.md tells client
/// authors, over the real .NET SignalR client (WebSockets, no negotiation: no sticky sessions
/// needed): snapshot on joining, each numbered message applied when it is the next, ignored when
/// old, and a fresh snapshot on a gap. When its node goes away it connects to the next node, as a
/// browser behind a load balancer would, identifies with the same viewer token (or sign-in cookie)
/// and joins again. It keeps the questions it knows (the public list, or a moderator's whole queue)
/// and the clock, so a test can compare what it shows with the database.
/// </summary>
public sealed class StreamClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> Numbered =
    [
        "ClockChanged", "EventUpdated", "QuestionsChanged", "QueueChanged", "QuestionSettingsChanged",
        "PollChanged", "PollRemoved", "PresenterKeyChanged",
    ];

    private readonly IReadOnlyList<Uri> hubs;
    private readonly CookieContainer? cookies;
    private readonly string slug;
    private readonly Channel<Item> items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Item> held = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource progressed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<HubConnection> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubConnection? connection;
    private int generation;
    private int node;
    private bool joined;
    private Task loop = Task.CompletedTask;

    private StreamClient(string name, IReadOnlyList<Uri> hubs, int firstNode, CookieContainer? cookies, string slug)
    {
        Name = name;
        this.hubs = hubs;
        node = firstNode;
        this.cookies = cookies;
        this.slug = slug;
    }

    public string Name { get; }

    /// <summary>Signed in (a moderator's or organiser's cookie): follows the moderators' stream.</summary>
    public bool IsStaff => cookies is not null;

    public long EventId { get; private set; }

    /// <summary>The number of the state it shows (seq, or modSeq for staff).</summary>
    public long Seq { get; private set; }

    /// <summary>By id: the public questions (viewers) or every question (staff), as last applied.</summary>
    public Dictionary<long, JsonElement> Questions { get; } = [];

    public JsonElement Clock { get; private set; }

    public string? Token { get; private set; }

    /// <summary>Which node it is connected to now (index into the hubs it was given).</summary>
    public int Node => node;

    public int Gaps { get; private set; }

    public int Reconnects { get; private set; }

    public static async Task<StreamClient> JoinAsync(string name, IReadOnlyList<Uri> hubs, int firstNode, string slug, CookieContainer? cookies = null)
    {
        var client = new StreamClient(name, hubs, firstNode, cookies, slug);
        client.loop = Task.Run(client.ApplyLoopAsync);
        await client.ConnectAsync();
        await client.WaitUntilAsync(c => c.joined, "its first snapshot");
        return client;
    }

    /// <summary>Calls a hub method on the node it is connected to now; throws if that node goes away meanwhile.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] arguments)
    {
        var hub = await connected.Task.WaitAsync(Timeout);
        using var cancel = new CancellationTokenSource(Timeout);
        var result = await hub.InvokeCoreAsync(method, typeof(JsonElement), arguments, cancel.Token);
        return result is JsonElement value ? value : default;
    }

    /// <summary>Waits until it is connected and joined again (after its node went away).</summary>
    public Task WaitConnectedAsync() => WaitUntilAsync(c => c.joined && c.connection?.State == HubConnectionState.Connected, "a connection");

    /// <summary>Waits, on every change it applies, until <paramref name="done"/> holds.</summary>
    public async Task WaitUntilAsync(Func<StreamClient, bool> done, string what, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (done(this))
                {
                    return;
                }

                next = progressed.Task;
            }

            try
            {
                await next.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} (node {node}, seq {Seq}) did not reach {what} within {(timeout ?? Timeout).TotalSeconds} s.");
            }
        }
    }

    /// <summary>Wakes those waiting in <see cref="WaitUntilAsync"/> to check their condition again (it depends on more than this client).</summary>
    public void Nudge() => Wake();

    /// <summary>Reads its state under its lock (the apply loop changes it).</summary>
    public T Read<T>(Func<StreamClient, T> read)
    {
        lock (gate)
        {
            return read(this);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        items.Writer.TryComplete();
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        await loop;
    }

    private async Task ConnectAsync()
    {
        Exception? last = null;
        for (var attempt = 0; attempt < hubs.Count * 2; attempt++)
        {
            try
            {
                await ConnectToAsync(hubs[node]);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or IOException or OperationCanceledException)
            {
                // That node is gone: the next one, as a balancer would send the client elsewhere.
                last = ex;
                node = (node + 1) % hubs.Count;
            }
        }

        throw new InvalidOperationException($"{Name} found no node to connect to", last);
    }

    private async Task ConnectToAsync(Uri hub)
    {
        var builder = new HubConnectionBuilder().WithUrl(hub, HttpTransportType.WebSockets, options =>
        {
            options.SkipNegotiation = true;
            if (cookies is not null)
            {
                options.Cookies = cookies;
            }
        });
        var json = new JsonHubProtocolOptions();
        json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new JsonHubProtocol(Options.Create(json)));
        var hubConnection = builder.Build();
        int mine;
        lock (gate)
        {
            mine = ++generation;
            joined = false;
            held.Clear();
        }

        foreach (var target in ServerMessages.All)
        {
            hubConnection.On(target, [typeof(JsonElement)], arguments =>
            {
                items.Writer.TryWrite(new Item(mine, target, (JsonElement)arguments[0]!));
                return Task.CompletedTask;
            });
        }

        hubConnection.Closed += error =>
        {
            if (!stopping.IsCancellationRequested && mine == Volatile.Read(ref generation))
            {
                _ = Task.Run(FailOverAsync);
            }

            return Task.CompletedTask;
        };

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await hubConnection.StartAsync(cancel.Token);
            if (!IsStaff)
            {
                var ticket = await hubConnection.InvokeCoreAsync<JsonElement>("IdentifyViewer", [Token], cancel.Token);
                Token = ticket.GetProperty("token").GetString();
            }

            var snapshot = await hubConnection.InvokeCoreAsync<JsonElement>("JoinEvent", [slug], cancel.Token);
            connection = hubConnection;
            items.Writer.TryWrite(new Item(mine, "#snapshot", snapshot));
            connected.TrySetResult(hubConnection);
        }
        catch
        {
            await hubConnection.DisposeAsync();
            throw;
        }
    }

    private async Task FailOverAsync()
    {
        lock (gate)
        {
            connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
            joined = false;
            Reconnects++;
            node = (node + 1) % hubs.Count;
        }

        try
        {
            await ConnectAsync();
        }
        catch (Exception ex)
        {
            connected.TrySetException(ex);
        }
    }

    private async Task ApplyLoopAsync()
    {
        try
        {
            await foreach (var item in items.Reader.ReadAllAsync(stopping.Token))
            {
                await ApplyAsync(item);
                Wake();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task ApplyAsync(Item item)
    {
        if (item.Generation != Volatile.Read(ref generation))
        {
            return;
        }

        if (item.Target == "#snapshot")
        {
            lock (gate)
            {
                Install(item.Argument);
                joined = true;
            }

            var early = held.ToList();
            held.Clear();
            foreach (var message in early)
            {
                await ApplyAsync(message);
            }

            return;
        }

        if (!joined)
        {
            // Arrived before the answer to JoinEvent: kept, and applied by the rules once it is there.
            held.Add(item);
            return;
        }

        if (!Numbered.Contains(item.Target) || !item.Argument.TryGetProperty("seq", out var seqProperty))
        {
            return;
        }

        var seq = seqProperty.GetInt64();
        if (seq <= Seq)
        {
            return;
        }

        if (seq > Seq + 1)
        {
            // A gap: a fresh snapshot replaces the state; messages after it that are older are ignored.
            JsonElement snapshot;
            try
            {
                snapshot = await InvokeAsync("GetSnapshot", EventId);
            }
            catch (Exception ex) when (ex is HubException or IOException or OperationCanceledException or InvalidOperationException or TimeoutException)
            {
                // The node went away while asking: the join on the next node brings a snapshot.
                return;
            }

            lock (gate)
            {
                Gaps++;
                Install(snapshot);
            }

            return;
        }

        lock (gate)
        {
            Apply(item.Target, item.Argument);
            Seq = seq;
        }
    }

    private void Install(JsonElement snapshot)
    {
        EventId = snapshot.GetProperty("eventId").GetInt64();
        Seq = snapshot.GetProperty("seq").GetInt64();
        Clock = snapshot.GetProperty("clock").Clone();
        Questions.Clear();
        var list = snapshot.GetProperty(IsStaff ? "queue" : "publicQuestions");
        foreach (var question in list.EnumerateArray())
        {
            Questions[question.GetProperty("id").GetInt64()] = question.Clone();
        }
    }

    private void Apply(string target, JsonElement message)
    {
        switch (target)
        {
            case "ClockChanged":
                Clock = message.GetProperty("clock").Clone();
                break;
            case "QuestionsChanged" or "QueueChanged":
                foreach (var question in message.GetProperty("questions").EnumerateArray())
                {
                    Questions[question.GetProperty("id").GetInt64()] = question.Clone();
                }

                if (message.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.Array)
                {
                    foreach (var id in removed.EnumerateArray())
                    {
                        Questions.Remove(id.GetInt64());
                    }
                }

                break;
        }
    }

    private void Wake()
    {
        TaskCompletionSource wake;
        lock (gate)
        {
            wake = progressed;
            progressed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    private sealed record Item(int Generation, string Target, JsonElement Argument);
}
