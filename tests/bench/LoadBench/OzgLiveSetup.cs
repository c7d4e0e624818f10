using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace LoadBench;

/// <summary>The events of one run by slug, and the approved questions of the votes' event.</summary>
public sealed record OzgLiveEvents(IReadOnlyDictionary<string, long> Ids, IReadOnlyList<long> VoteQuestionIds, long PollId);

/// <summary>
/// Prepares a fresh OzgLive database before the server process starts, with the app's own code: its
/// migrations and first organiser (PrepareAsync), its editors for series, events and blocks, its clock
/// service to start them. Only the questions seeded up front are written with plain INSERTs in one transaction
/// each, to the schema of Storage/Migrations: asking 10,000 through the hub would take minutes and
/// measure asking, not joining. The app is built but never started here.
/// </summary>
public static class OzgLiveSetup
{
    public const string OrganiserEmail = "bench-organiser@ozglive.local";
    public const string OrganiserPassword = "loadbench-organiser-2026";
    public const string LiveSlug = "bench-live";
    public const string HeldSlug = "bench-held";
    public const string ManySlug = "bench-many-questions";
    public const string EmptySlug = "bench-empty";
    public const string AskSlug = "bench-asks";
    public const string VoteSlug = "bench-votes";
    public const string PollSlug = "bench-polls";

    /// <summary>Settings for both the preparation and the server: no demo, an organiser, no rate limits in the way.</summary>
    /// <remarks>
    /// A storage set in the bench's own environment (ConnectionStrings__OzgLive, Storage__Provider)
    /// replaces the SQLite file, so another database engine can be measured without changing the
    /// bench; the checks that read the database file afterwards are SQLite's only.
    /// </remarks>
    public static Dictionary<string, string> Configuration(string databasePath)
    {
        var configuration = Defaults(databasePath);
        foreach (var key in new[] { "ConnectionStrings__OzgLive", "Storage__Provider" })
        {
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } value)
            {
                configuration[key] = value;
            }
        }

        return configuration;
    }

    private static Dictionary<string, string> Defaults(string databasePath) => new()
    {
        ["ConnectionStrings__OzgLive"] = $"Data Source={databasePath}",
        ["Demo__Seed"] = "false",
        ["Accounts__InitialOrganiser__Email"] = OrganiserEmail,
        ["Accounts__InitialOrganiser__Password"] = OrganiserPassword,
        // The per-viewer and per-address limits are for people; every benchmark client shares
        // 127.0.0.1, and the benchmark measures the pipeline behind the limiter.
        ["Questions__QuestionsPerViewerPerMinute"] = "1000000",
        ["Questions__QuestionsPerAddressPerMinute"] = "1000000",
        ["Questions__VotesPerViewerPerMinute"] = "1000000",
        ["Questions__VotesPerAddressPerMinute"] = "1000000",
        ["Questions__NewViewersPerAddressPerMinute"] = "1000000",
        // Every simulated viewer comes from 127.0.0.1: the per-address cap (500, against one machine
        // opening thousands of sockets) would refuse all but the first 500.
        ["Live__MaxConnectionsPerAddress"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    public static async Task<OzgLiveEvents> PrepareAsync(string databasePath, BenchSettings settings)
    {
        var app = OzgLiveApp.Build(
            ["--environment", "Production"],
            builder => builder.Configuration.AddInMemoryCollection(
                Configuration(databasePath).ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value)));
        await using (app)
        {
            await app.PrepareAsync();
            var services = app.Services;
            var editor = services.GetRequiredService<EventEditor>();
            var series = await editor.SaveSeriesAsync(null, new SeriesInput { Title = "Lastmessung", Slug = "lastmessung" });

            var ids = new Dictionary<string, long>();
            foreach (var slug in new[] { LiveSlug, HeldSlug, ManySlug, EmptySlug, AskSlug, VoteSlug, PollSlug })
            {
                ids[slug] = await CreateLiveEventAsync(services, series.Id, slug);
            }

            // Only two events get questions up front; the others start empty, as a broadcast does, and
            // the rounds ask their questions as they go. The many questions are a realistic mix: a
            // fifth public (approved or answered), the rest pending or rejected, as after a busy broadcast.
            var database = services.GetRequiredService<Database>();
            string[] mix = ["approved", "pending", "pending", "rejected", "pending", "answered", "pending", "rejected", "pending", "pending"];
            await InsertQuestionsAsync(database, ids[ManySlug], "many", Enumerable.Range(0, settings.ManyQuestions).Select(i => mix[i % mix.Length]));
            var voteQuestions = await InsertQuestionsAsync(database, ids[VoteSlug], "vote", Enumerable.Repeat("approved", settings.VoteQuestions));
            // One poll, open with live results: every answer changes what everyone sees.
            var polls = services.GetRequiredService<PollService>();
            var poll = await polls.PrepareAsync(ids[PollSlug], new PollDraft(
                null, PollKind.Single, "Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?", ["Ja", "Noch nicht", "Nein"], ResultsMode: PollResultsMode.Live));
            await polls.OpenAsync(ids[PollSlug], poll.Id, poll.Version, null);
            return new OzgLiveEvents(ids, voteQuestions, poll.Id);
        }
    }

    /// <summary>The client ids of acknowledged questions that are in the database file (read after kill -9).</summary>
    public static async Task<int> CountStoredAsync(string databasePath, long eventId, IReadOnlyCollection<string> clientIds)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT client_id FROM questions WHERE event_id = @eventId", new { eventId })).ToHashSet();
        return clientIds.Count(stored.Contains);
    }

    /// <summary>The number of the event's last public change, as stored (what every viewer must have reached).</summary>
    public static async Task<long> PublicSeqAsync(string databasePath, long eventId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        return await connection.QuerySingleAsync<long>("SELECT seq FROM events WHERE id = @eventId", new { eventId });
    }

    private static async Task<long> CreateLiveEventAsync(IServiceProvider services, long seriesId, string slug)
    {
        var editor = services.GetRequiredService<EventEditor>();
        var ev = await editor.SaveEventAsync(null, new EventInput
        {
            SeriesId = seriesId,
            Title = $"Lastmessung {slug}",
            Slug = slug,
            Description = "Eine Veranstaltung für die Lastmessung (tests/bench/LoadBench).",
            StartBerlin = BerlinTime.ToBerlin(DateTimeOffset.UtcNow).DateTime,
            Status = "scheduled",
            ModeratorName = "Moderation",
        });
        for (var n = 1; n <= 3; n++)
        {
            await editor.AddBlockAsync(ev.Id, new BlockInput
            {
                Title = $"Themenblock {n}",
                Description = "Vortrag und Fragen.",
                PlannedMinutes = BlockInput.MaxMinutes,
                Speakers = [new SpeakerInput { Name = $"Referentin {n}", Role = "Referatsleitung", Organisation = "Land" }],
            });
        }

        // Live, in block 1 (with 120 minutes planned, longer than any run), so questions are taken.
        var clock = services.GetRequiredService<ClockService>();
        await clock.ExecuteAsync(ev.Id, ClockCommandKind.StartEvent, null, null, "loadbench");
        await clock.ExecuteAsync(ev.Id, ClockCommandKind.StartBlock, 1, null, "loadbench");
        return ev.Id;
    }

    private static async Task<IReadOnlyList<long>> InsertQuestionsAsync(Database database, long eventId, string prefix, IEnumerable<string> statuses)
    {
        var ids = new List<long>();
        await using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow;
        var i = 0;
        foreach (var status in statuses)
        {
            ids.Add(await connection.ExecuteScalarAsync<long>(
                $"""
                INSERT INTO questions (event_id, block_number, client_id, viewer_id, text, original_text, display_name, organisation,
                    status, reject_reason, votes, created_utc, approved_utc, answered_utc, updated_utc, number)
                VALUES (@eventId, 1, @clientId, @clientId, @text, @text, @name, NULL,
                    @status, @rejectReason, 0, @now, @approved, @answered, @now, {QuestionStore.NextNumber})
                RETURNING id
                """,
                new
                {
                    eventId,
                    clientId = $"{prefix}-{i}",
                    text = $"Frage {i}: Wo beantragen Kommunen den Voucher für die Digitalisierungsberatung, und wie lange dauert es bis zum ersten Termin?",
                    name = i % 2 == 0 ? $"Person {i}" : null,
                    status,
                    rejectReason = status == "rejected" ? "other" : null,
                    now,
                    approved = status is "approved" or "answered" ? now : (DateTimeOffset?)null,
                    answered = status == "answered" ? now : (DateTimeOffset?)null,
                },
                transaction));
            i++;
        }

        transaction.Commit();
        return ids;
    }
}
