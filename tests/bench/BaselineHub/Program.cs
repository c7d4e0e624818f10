// The load benchmark's baseline: a bare ASP.NET Core app with one SignalR hub and nothing else (no
// database, no authentication, no middleware beyond what SignalR needs). It speaks the message shapes
// of OzgLive where the benchmark looks at them: JoinEvent answers a small snapshot with a sequence
// number, Broadcast sends a numbered QuestionsChanged to the event's group. The harness compares
// OzgLive with it in the same run (tests/bench/run-load.sh, docs/benchmarks.md).
// Usage: dotnet BaselineHub.dll --urls http://127.0.0.1:PORT
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<Sequences>();
builder.Services.AddSignalR(options => options.MaximumReceiveMessageSize = 1024 * 1024);

var app = builder.Build();
app.MapGet("/readyz", () => "ready");
app.MapHub<BaselineHub>("/hubs/live");
app.Run();

/// <summary>Each event's public sequence number, in memory: the baseline keeps no state across a restart.</summary>
internal sealed class Sequences
{
    private readonly ConcurrentDictionary<string, long> bySlug = new();

    public long Current(string slug) => bySlug.GetValueOrDefault(slug);

    public long Next(string slug) => bySlug.AddOrUpdate(slug, 1, (_, seq) => seq + 1);
}

internal sealed class BaselineHub(Sequences sequences) : Hub
{
    public async Task<object> JoinEvent(string slug)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, slug);
        return new { eventId = 1, seq = sequences.Current(slug), role = "viewer", @event = new { slug, title = "Baseline" }, publicQuestions = Array.Empty<object>() };
    }

    /// <summary>OzgLive's approval counterpart: one numbered QuestionsChanged to everyone in the event.</summary>
    public Task Broadcast(string slug, JsonElement[] questions) =>
        Clients.Group(slug).SendAsync("QuestionsChanged", new { eventId = 1, seq = sequences.Next(slug), questions, removed = Array.Empty<long>() });
}
