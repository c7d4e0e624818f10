// Measures how long the replay page of an event with many questions takes, side by side with the
// demo replay (16 questions) and the live event page, in one run on the real app (Release build,
// Kestrel on 127.0.0.1, a fresh SQLite file). The figure is the time to the last byte as a client on
// the same machine sees it: server time plus loopback, so an upper bound of the server's own time.
// Usage: dotnet run -c Release --project tests/bench/ReplayBench -- [questions] [rounds]
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OzgLive.Web;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

var questionCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var folder = Directory.CreateTempSubdirectory("ozglive-bench-").FullName;
var time = new SteppedTime(DateTimeOffset.UtcNow.AddDays(-7));

var app = OzgLiveApp.Build(
    ["--urls", "http://127.0.0.1:0", "--environment", "Production"],
    builder =>
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OzgLive"] = $"Data Source={Path.Combine(folder, "ozglive.db")}",
            ["Demo:Seed"] = "true",
            ["Clock:RunInBackground"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(time);
    });
await app.PrepareAsync();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

try
{
    var slug = await SeedAsync(app.Services, time, questionCount);
    using var http = new HttpClient { BaseAddress = new Uri(address) };
    (string Name, string Path)[] pages =
    [
        ($"replay, {questionCount} questions", $"/events/{slug}/replay"),
        // The same read through ReplayReader without Razor: what the page's own rendering adds.
        ($"transcript.json, {questionCount} q.", $"/events/{slug}/replay/transcript.json"),
        ("replay, demo (16 questions)", "/events/spot-on-ozg-rueckblick/replay"),
        ("live event page (demo)", "/events/spot-on-ozg-he"),
    ];
    var timings = pages.ToDictionary(p => p.Name, _ => new List<double>());
    var bytes = new Dictionary<string, long>();

    // Warm up (JIT, connection pool, SQLite page cache), then interleave the pages so noise hits all alike.
    for (var i = 0; i < 20; i++)
    {
        foreach (var page in pages)
        {
            await FetchAsync(http, page.Path);
        }
    }

    for (var round = 0; round < rounds; round++)
    {
        foreach (var page in pages)
        {
            var watch = Stopwatch.StartNew();
            bytes[page.Name] = await FetchAsync(http, page.Path);
            timings[page.Name].Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    Console.WriteLine($"{rounds} requests per page after 20 warm-up rounds; time to last byte over 127.0.0.1, ms");
    Console.WriteLine($"{"page",-32} {"p50",7} {"p95",7} {"max",7} {"KB",7}");
    foreach (var page in pages)
    {
        var sorted = timings[page.Name].Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{page.Name,-32} {Percentile(sorted, 0.50),7:0.0} {Percentile(sorted, 0.95),7:0.0} {sorted[^1],7:0.0} {bytes[page.Name] / 1024.0,7:0}"));
    }
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Directory.Delete(folder, recursive: true);
}

static async Task<long> FetchAsync(HttpClient http, string path)
{
    using var response = await http.GetAsync(path);
    var body = await response.Content.ReadAsByteArrayAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
    }

    return body.Length;
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

// An event run through the real clock service (so the real freezer writes its transcript) with
// questionCount questions spread over three blocks: answered live, answered in writing, open.
static async Task<string> SeedAsync(IServiceProvider services, SteppedTime time, int questionCount)
{
    var editor = services.GetRequiredService<EventEditor>();
    var series = await editor.SaveSeriesAsync(null, new SeriesInput { Title = "Benchmark", Slug = "benchmark" });
    var slug = "replay-benchmark";
    var ev = await editor.SaveEventAsync(null, new EventInput
    {
        SeriesId = series.Id,
        Title = "Benchmark: eine Sendung mit vielen Fragen",
        Slug = slug,
        Description = "Für die Messung der Wiedergabeseite.",
        StartBerlin = BerlinTime.ToBerlin(time.GetUtcNow()).DateTime,
        Status = "scheduled",
        ModeratorName = "Moderation",
    });
    for (var n = 1; n <= 3; n++)
    {
        await editor.AddBlockAsync(ev.Id, new BlockInput
        {
            Title = $"Themenblock {n}",
            Description = "Vortrag und Fragen.",
            PlannedMinutes = 30,
            Speakers = [new SpeakerInput { Name = $"Referentin {n}", Role = "Referatsleitung", Organisation = "Land" }],
        });
    }

    var clock = services.GetRequiredService<ClockService>();
    var database = services.GetRequiredService<Database>();
    await clock.ExecuteAsync(ev.Id, ClockCommandKind.StartEvent, null, null, "bench");
    var perBlock = (questionCount + 2) / 3;
    var asked = 0;
    for (var block = 1; block <= 3; block++)
    {
        time.Advance(TimeSpan.FromMinutes(1));
        await clock.ExecuteAsync(ev.Id, ClockCommandKind.StartBlock, block, null, "bench");
        await using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            for (var i = 0; i < perBlock && asked < questionCount; i++, asked++)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                var now = time.GetUtcNow();
                var status = (asked % 3) switch { 0 => "answered", 1 => "approved", _ => "approved" };
                await connection.ExecuteAsync(
                    $"""
                    INSERT INTO questions (event_id, block_number, client_id, viewer_id, text, original_text, display_name, organisation,
                        status, votes, created_utc, approved_utc, staged_utc, answered_utc, updated_utc, number)
                    VALUES (@eventId, @block, @clientId, @clientId, @text, @text, @name, @organisation,
                        @status, @votes, @now, @now, @staged, @answered, @now, {QuestionStore.NextNumber})
                    """,
                    new
                    {
                        eventId = ev.Id,
                        block,
                        clientId = $"bench-{asked}",
                        text = $"Frage {asked}: Wo beantragen Kommunen den Voucher für die Digitalisierungsberatung, und wie lange dauert es bis zum ersten Termin?",
                        name = asked % 2 == 0 ? $"Person {asked}" : null,
                        organisation = asked % 4 == 0 ? "Gemeinde Musterhausen" : null,
                        status,
                        votes = asked % 40,
                        now,
                        staged = status == "answered" ? now.AddSeconds(20) : (DateTimeOffset?)null,
                        answered = status == "answered" ? now.AddSeconds(50) : (DateTimeOffset?)null,
                    },
                    transaction);
            }

            transaction.Commit();
        }

        time.Advance(TimeSpan.FromMinutes(25));
        await clock.ExecuteAsync(ev.Id, ClockCommandKind.EndBlock, null, null, "bench");
    }

    time.Advance(TimeSpan.FromMinutes(2));
    await clock.ExecuteAsync(ev.Id, ClockCommandKind.EndEvent, null, null, "bench");
    await using (var connection = database.Open())
    {
        // Every second open question gets a published written answer; then the event is published.
        await connection.ExecuteAsync(
            """
            UPDATE transcript_questions SET answer_text = 'Eine schriftliche Antwort nach der Sendung, mit einem Hinweis auf die Förderrichtlinie.',
                answer_by = 'Referentin', answer_utc = @now, answer_published = 1
            WHERE event_id = @id AND answered_seconds IS NULL AND id % 2 = 0
            """,
            new { id = ev.Id, now = time.GetUtcNow() });
        await connection.ExecuteAsync(
            "UPDATE events SET status = 'published', published_utc = @now, replay_video_id = 'OzgDemo2026', replay_offset_seconds = 30 WHERE id = @id",
            new { id = ev.Id, now = time.GetUtcNow() });
    }

    return slug;
}

/// <summary>A clock the seeding moves by hand, so the broadcast has realistic lengths.</summary>
internal sealed class SteppedTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
