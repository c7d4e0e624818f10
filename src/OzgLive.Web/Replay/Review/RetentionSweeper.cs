using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Replay.Review;

public sealed class RetentionOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Off in tests that call <see cref="RetentionSweeper.SweepAsync"/> themselves.</summary>
    public bool RunInBackground { get; set; } = true;
}

/// <summary>
/// Removes askers' names and organisations from an event's archive once its retention has passed:
/// in the transcript and in the live record (questions) alike, because a name kept in either is
/// still kept. The questions themselves stay. Runs once per event (names_removed_utc).
/// </summary>
public sealed class RetentionSweeper(
    Database database,
    EventChanges changes,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    public const string Actor = "system:retention";

    private readonly SemaphoreSlim gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await SweepAsync();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed sweep is tried again next hour; it must not stop the app.
                logger.LogError(ex, "Retention sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Removes the names of every event whose retention has passed; returns the ids of those events.</summary>
    public async Task<IReadOnlyList<long>> SweepAsync()
    {
        await gate.WaitAsync();
        try
        {
            var now = time.GetUtcNow();
            List<Candidate> candidates;
            await using (var connection = database.Open())
            {
                candidates = (await connection.QueryAsync<Candidate>(
                    """
                    SELECT e.id AS EventId, e.retention_days AS RetentionDays, e.scheduled_start_utc AS ScheduledStart,
                        t.stream_ended_utc AS StreamEnded
                    FROM events e LEFT JOIN transcripts t ON t.event_id = e.id
                    WHERE e.retention_days IS NOT NULL AND e.names_removed_utc IS NULL AND e.status <> 'live'
                    """)).ToList();
            }

            var swept = new List<long>();
            foreach (var candidate in candidates.Where(c => (c.StreamEnded ?? c.ScheduledStart).AddDays(c.RetentionDays) <= now))
            {
                if (await RemoveNamesAsync(candidate.EventId))
                {
                    swept.Add(candidate.EventId);
                }
            }

            return swept;
        }
        finally
        {
            gate.Release();
        }
    }

    private Task<bool> RemoveNamesAsync(long eventId) =>
        changes.RunAsync(eventId, async change =>
        {
            var db = change.Connection;
            var tx = change.Transaction;
            // Checked again under the lock: an organiser may have changed the retention meanwhile.
            var stillDue = await db.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM events WHERE id = @eventId AND retention_days IS NOT NULL AND names_removed_utc IS NULL",
                new { eventId }, tx);
            if (stillDue == 0)
            {
                return false;
            }

            var transcriptRows = await db.ExecuteAsync(
                """
                UPDATE transcript_questions SET display_name = NULL, organisation = NULL, name_removed = 1,
                    version = version + 1, updated_utc = @Now
                WHERE event_id = @eventId AND (display_name IS NOT NULL OR organisation IS NOT NULL)
                """,
                new { change.Now, eventId }, tx);
            var questionRows = await db.ExecuteAsync(
                """
                UPDATE questions SET display_name = NULL, organisation = NULL
                WHERE event_id = @eventId AND (display_name IS NOT NULL OR organisation IS NOT NULL)
                """,
                new { eventId }, tx);
            var auditRows = await ScrubAuditAsync(db, tx, eventId);
            await db.ExecuteAsync("UPDATE events SET names_removed_utc = @Now WHERE id = @eventId", new { change.Now, eventId }, tx);
            await TranscriptStore.MarkChangedAsync(db, tx, eventId);
            await AuditLog.WriteAsync(change, Actor, "retention", after: new { transcriptRows, questionRows, auditRows });
            logger.LogInformation("Retention removed names from event {EventId}: {TranscriptRows} transcript rows, {QuestionRows} questions", eventId, transcriptRows, questionRows);
            return true;
        });

    /// <summary>
    /// The audit log keeps questions before and after each action, names included; retention reaches
    /// it too, or the names would outlive the archive they were removed from.
    /// </summary>
    private static async Task<int> ScrubAuditAsync(System.Data.IDbConnection db, System.Data.IDbTransaction tx, long eventId)
    {
        var rows = await db.QueryAsync<(long Id, string? Before, string? After)>(
            "SELECT id, before_json, after_json FROM audit_log WHERE event_id = @eventId", new { eventId }, tx);
        var changed = 0;
        foreach (var row in rows)
        {
            var before = WithoutNames(row.Before);
            var after = WithoutNames(row.After);
            if (before != row.Before || after != row.After)
            {
                await db.ExecuteAsync(
                    "UPDATE audit_log SET before_json = @before, after_json = @after WHERE id = @Id",
                    new { before, after, row.Id }, tx);
                changed++;
            }
        }

        return changed;
    }

    private static readonly string[] NameProperties = ["displayName", "organisation"];

    private static string? WithoutNames(string? json)
    {
        if (string.IsNullOrEmpty(json) || !json.Contains("\"", StringComparison.Ordinal))
        {
            return json;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        return Scrub(node) ? node!.ToJsonString() : json;

        static bool Scrub(JsonNode? node)
        {
            var found = false;
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj.ToList())
                    {
                        if (NameProperties.Contains(key, StringComparer.OrdinalIgnoreCase) && value is not null)
                        {
                            obj[key] = null;
                            found = true;
                        }
                        else
                        {
                            found |= Scrub(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        found |= Scrub(item);
                    }

                    break;
            }

            return found;
        }
    }

    private sealed class Candidate
    {
        public long EventId { get; init; }
        public int RetentionDays { get; init; }
        public DateTimeOffset ScheduledStart { get; init; }
        public DateTimeOffset? StreamEnded { get; init; }
    }
}
