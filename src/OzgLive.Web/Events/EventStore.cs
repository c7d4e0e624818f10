using System.Data;
using Dapper;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Events;

/// <summary>Reads series, events, blocks and speakers. Writes live in <see cref="EventEditor"/>.</summary>
public sealed class EventStore(Database database)
{
    public async Task<IReadOnlyList<Series>> ListSeriesAsync()
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<SeriesRow>(
            "SELECT id, slug, title, description FROM series ORDER BY title");
        return rows.Select(r => r.ToSeries()).ToList();
    }

    public async Task<Series?> FindSeriesAsync(long id)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<SeriesRow>(
            "SELECT id, slug, title, description FROM series WHERE id = @id", new { id });
        return row?.ToSeries();
    }

    public async Task<IReadOnlyList<EventSummary>> ListEventsAsync(bool includeDrafts)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<EventRow>(
            """
            SELECT id, series_id AS SeriesId, slug, title, scheduled_start_utc AS ScheduledStart, status
            FROM events
            WHERE @includeDrafts = 1 OR status <> 'draft'
            ORDER BY scheduled_start_utc
            """,
            new { includeDrafts });
        return rows.Select(r => new EventSummary(r.Id, r.SeriesId, r.Slug, r.Title, r.ScheduledStart, EventStatusText.Parse(r.Status))).ToList();
    }

    public async Task<LiveEvent?> FindBySlugAsync(string slug)
    {
        await using var connection = database.Open();
        return await LoadAsync(connection, "e.slug = @key", new { key = slug }, null);
    }

    public async Task<LiveEvent?> FindByIdAsync(long id)
    {
        await using var connection = database.Open();
        return await LoadAsync(connection, "e.id = @key", new { key = id }, null);
    }

    /// <summary>The event a topic block belongs to, with all its blocks.</summary>
    public async Task<LiveEvent?> FindByBlockAsync(long blockId)
    {
        await using var connection = database.Open();
        return await LoadAsync(connection, "e.id = (SELECT event_id FROM blocks WHERE id = @key)", new { key = blockId }, null);
    }

    /// <summary>Loads one event inside a caller's connection and transaction (used by writers).</summary>
    internal static Task<LiveEvent?> LoadAsync(IDbConnection connection, long id, IDbTransaction? transaction) =>
        LoadAsync(connection, "e.id = @key", new { key = id }, transaction);

    private static async Task<LiveEvent?> LoadAsync(IDbConnection connection, string where, object args, IDbTransaction? transaction)
    {
        var row = await connection.QuerySingleOrDefaultAsync<FullEventRow>(
            $"""
            SELECT e.id, e.series_id AS SeriesId, s.title AS SeriesTitle, e.slug, e.title, e.description,
                   e.scheduled_start_utc AS ScheduledStart, e.status, e.live_video_id AS LiveVideoId,
                   e.replay_video_id AS ReplayVideoId, e.moderator_name AS ModeratorName,
                   e.auto_advance AS AutoAdvance, COALESCE(v.public_clock, 0) AS PublicClock, e.seq
            FROM events e JOIN series s ON s.id = e.series_id
            LEFT JOIN event_viewer_settings v ON v.event_id = e.id
            WHERE {where}
            """,
            args,
            transaction);
        if (row is null)
        {
            return null;
        }

        var blocks = (await connection.QueryAsync<BlockRow>(
            """
            SELECT id, position AS Number, title, description, planned_minutes AS PlannedMinutes, video_id AS VideoId
            FROM blocks WHERE event_id = @id ORDER BY position
            """,
            new { id = row.Id },
            transaction)).AsList();
        var speakers = (await connection.QueryAsync<SpeakerRow>(
            """
            SELECT sp.block_id AS BlockId, sp.name, sp.role, sp.organisation
            FROM speakers sp JOIN blocks b ON b.id = sp.block_id
            WHERE b.event_id = @id ORDER BY sp.block_id, sp.position
            """,
            new { id = row.Id },
            transaction)).ToLookup(s => s.BlockId);

        return new LiveEvent(
            row.Id, row.SeriesId, row.SeriesTitle, row.Slug, row.Title, row.Description, row.ScheduledStart,
            EventStatusText.Parse(row.Status), row.LiveVideoId, row.ReplayVideoId, row.ModeratorName,
            row.AutoAdvance, row.Seq,
            blocks.Select(b => new TopicBlock(
                b.Id, b.Number, b.Title, b.Description, b.PlannedMinutes, b.VideoId,
                speakers[b.Id].Select(s => new Speaker(s.Name, s.Role, s.Organisation)).ToList())).ToList())
        {
            PublicClock = row.PublicClock,
        };
    }

    // Dapper fills these through setters, which tolerates SQLite's Int64 and text columns
    // better than matching a record's constructor signature exactly.
    private sealed class EventRow
    {
        public long Id { get; init; }
        public long SeriesId { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTimeOffset ScheduledStart { get; init; }
        public string Status { get; init; } = "";
    }

    private sealed class FullEventRow
    {
        public long Id { get; init; }
        public long SeriesId { get; init; }
        public string SeriesTitle { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public DateTimeOffset ScheduledStart { get; init; }
        public string Status { get; init; } = "";
        public string? LiveVideoId { get; init; }
        public string? ReplayVideoId { get; init; }
        public string ModeratorName { get; init; } = "";
        public bool AutoAdvance { get; init; }
        public bool PublicClock { get; init; }
        public long Seq { get; init; }
    }

    private sealed class BlockRow
    {
        public long Id { get; init; }
        public int Number { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public int PlannedMinutes { get; init; }
        public string? VideoId { get; init; }
    }

    private sealed class SpeakerRow
    {
        public long BlockId { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string Organisation { get; init; } = "";
    }

    private sealed class SeriesRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";

        public Series ToSeries() => new(Id, Slug, Title, Description);
    }
}
