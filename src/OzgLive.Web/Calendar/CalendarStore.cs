using Dapper;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Calendar;

/// <summary>What the calendar files need that <c>LiveEvent</c> does not carry.</summary>
public sealed class CalendarStore(Database database)
{
    /// <summary>When each event last changed (LAST-MODIFIED), by event id.</summary>
    public async Task<IReadOnlyDictionary<long, DateTimeOffset>> LastModifiedAsync(IReadOnlyCollection<long> eventIds)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<Row>(
            $"SELECT id, updated_utc AS UpdatedAt FROM events WHERE id {database.Dialect.In("@eventIds")}", new { eventIds = eventIds.ToArray() });
        return rows.ToDictionary(r => r.Id, r => r.UpdatedAt);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
