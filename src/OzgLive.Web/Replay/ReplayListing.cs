using Dapper;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Replay;

/// <summary>What the start page and the series pages need beyond <see cref="EventStore"/>: which events
/// have a public replay, and a series by its address.</summary>
public sealed class ReplayListing(Database database)
{
    /// <summary>Events whose replay anyone may open: published, with a frozen transcript (the rule of <see cref="ReplayReader"/>).</summary>
    public async Task<IReadOnlySet<long>> PublicReplayIdsAsync()
    {
        await using var connection = database.Open();
        var ids = await connection.QueryAsync<long>(
            "SELECT e.id FROM events e JOIN transcripts t ON t.event_id = e.id WHERE e.status = 'published'");
        return ids.ToHashSet();
    }

    public async Task<Series?> FindSeriesAsync(string slug)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<SeriesRow>(
            "SELECT id, slug, title, description FROM series WHERE slug = @slug", new { slug });
        return row is null ? null : new Series(row.Id, row.Slug, row.Title, row.Description);
    }

    /// <summary>The series' events the public may see (no drafts), earliest first.</summary>
    public async Task<IReadOnlyList<EventSummary>> PublicEventsAsync(long seriesId)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<EventRow>(
            """
            SELECT id, slug, title, scheduled_start_utc AS ScheduledStart, status FROM events
            WHERE series_id = @seriesId AND status <> 'draft'
            ORDER BY scheduled_start_utc, id
            """,
            new { seriesId });
        return rows.Select(r => new EventSummary(r.Id, seriesId, r.Slug, r.Title, r.ScheduledStart, EventStatusText.Parse(r.Status))).ToList();
    }

    private sealed class SeriesRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
    }

    private sealed class EventRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTimeOffset ScheduledStart { get; init; }
        public string Status { get; init; } = "";
    }
}
