using Dapper;
using OzgLive.Tests.Storage;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Channels;

/// <summary>Events made before join codes existed get theirs from migration 0008, each a different one.</summary>
[Trait("Storage", "SqliteOnly")]
public sealed class JoinCodeMigrationTests
{
    [Fact]
    public async Task Existing_events_get_distinct_codes_when_0008_is_applied()
    {
        using var db = new TempDatabase();
        db.Migrator(Migrator.Embedded.Where(m => string.CompareOrdinal(m.Id, "0008") < 0).ToList()).ApplyAll();
        await using (var connection = db.Database.Open())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO series (slug, title, created_utc) VALUES ('reihe', 'Reihe', '2026-03-31T08:00:00.000Z');
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
                INSERT INTO events (series_id, slug, title, scheduled_start_utc, status, created_utc, updated_utc)
                SELECT 1, 'alt-' || i, 'Alt ' || i, '2026-06-10T08:00:00.000Z', 'scheduled', '2026-03-31T08:00:00.000Z', '2026-03-31T08:00:00.000Z' FROM n;
                """);
        }

        db.Migrator().ApplyAll();

        await using var after = db.Database.Open();
        var codes = (await after.QueryAsync<string?>("SELECT join_code FROM events")).ToList();
        Assert.Equal(200, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$", c));
        Assert.Equal(200, codes.Distinct().Count());
    }
}
