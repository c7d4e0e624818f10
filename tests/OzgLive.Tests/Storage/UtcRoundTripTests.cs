using System.Globalization;
using Dapper;
using OzgLive.Web.Events;

namespace OzgLive.Tests.Storage;

/// <summary>
/// Tests that change process-wide state (Dapper's type handlers, the culture, the local time zone)
/// run alone, after every parallel collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    public const string Name = "Global state: Dapper handlers, culture, time zone";
}

[Collection(GlobalStateCollection.Name)]
[Trait("Storage", "SqliteOnly")]
public sealed class UtcRoundTripTests
{
    public static TheoryData<string> Cultures => ["de-DE", "ar-SA", "th-TH", "fa-IR", "en-US"];

    // The same instant, 2026-03-31T08:15:30.250Z, written with different offsets.
    private static readonly DateTimeOffset[] SameInstant =
    [
        new(2026, 3, 31, 8, 15, 30, 250, TimeSpan.Zero),
        new(2026, 3, 31, 10, 15, 30, 250, TimeSpan.FromHours(2)),
        new(2026, 3, 31, 13, 45, 30, 250, new TimeSpan(5, 30, 0)),
        new(2026, 3, 31, 1, 15, 30, 250, TimeSpan.FromHours(-7)),
        new(2026, 3, 31, 22, 15, 30, 250, TimeSpan.FromHours(14)),
    ];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Times_with_any_offset_are_stored_as_utc_text_and_read_back_as_the_same_instant_in_utc(string culture)
    {
        using var db = new TempDatabase();
        using var connection = db.Database.Open();
        connection.Execute("CREATE TABLE times (id INTEGER PRIMARY KEY, at TEXT NOT NULL)");

        using (new CultureScope(culture))
        {
            foreach (var value in SameInstant)
            {
                connection.Execute("INSERT INTO times (at) VALUES (@value)", new { value });
            }

            var raw = connection.Query<string>("SELECT at FROM times ORDER BY id").ToList();
            Assert.All(raw, text => Assert.Equal("2026-03-31T08:15:30.250Z", text));

            var read = connection.Query<DateTimeOffset>("SELECT at FROM times ORDER BY id").ToList();
            Assert.Equal(SameInstant.Length, read.Count);
            Assert.All(read, value =>
            {
                Assert.Equal(TimeSpan.Zero, value.Offset);
                Assert.Equal(SameInstant[0].UtcTicks, value.UtcTicks);
            });
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Nullable_times_round_trip_and_null_stays_null(string culture)
    {
        using var db = new TempDatabase();
        using var connection = db.Database.Open();
        connection.Execute("CREATE TABLE times (id INTEGER PRIMARY KEY, at TEXT NULL)");

        using (new CultureScope(culture))
        {
            DateTimeOffset? some = new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(1));
            connection.Execute("INSERT INTO times (at) VALUES (@some), (@none)", new { some, none = (DateTimeOffset?)null });

            Assert.Equal(["2026-12-31T22:59:59.999Z", null], connection.Query<string?>("SELECT at FROM times ORDER BY id"));
            var read = connection.Query<Row>("SELECT id, at AS At FROM times ORDER BY id").ToList();
            Assert.Equal(some.Value.UtcDateTime, read[0].At!.Value.UtcDateTime);
            Assert.Equal(TimeSpan.Zero, read[0].At!.Value.Offset);
            Assert.Null(read[1].At);
        }
    }

    [Fact]
    public void Stored_text_sorts_in_time_order_whatever_offset_the_values_had()
    {
        using var db = new TempDatabase();
        using var connection = db.Database.Open();
        connection.Execute("CREATE TABLE times (label TEXT NOT NULL, at TEXT NOT NULL)");

        // Written in local notation these would sort "c", "a", "b"; as instants the order is a, b, c.
        connection.Execute("INSERT INTO times (label, at) VALUES (@label, @at)", new[]
        {
            new { label = "c", at = new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.FromHours(-5)) },  // 14:00Z
            new { label = "a", at = new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.FromHours(14)) }, // 06:00Z
            new { label = "b", at = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(2)) },  // 10:00Z
        });

        Assert.Equal(["a", "b", "c"], connection.Query<string>("SELECT label FROM times ORDER BY at"));
    }

    [Theory]
    [InlineData("th-TH", "Pacific/Kiritimati")]
    [InlineData("ar-SA", "America/Los_Angeles")]
    [InlineData("de-DE", "Europe/Berlin")]
    public async Task An_events_start_reads_back_as_the_stored_instant_under_a_foreign_culture_and_time_zone(string culture, string zone)
    {
        using var db = new TempDatabase();
        db.Migrator().ApplyAll();
        var start = BerlinTime.FromBerlin(new DateTime(2026, 10, 25, 10, 0, 0)); // the day summer time ends
        using (var connection = db.Database.Open())
        {
            var seriesId = connection.ExecuteScalar<long>(
                "INSERT INTO series (slug, title, created_utc) VALUES ('reihe', 'Reihe', @start) RETURNING id", new { start });
            connection.Execute(
                """
                INSERT INTO events (series_id, slug, title, scheduled_start_utc, status, created_utc, updated_utc)
                VALUES (@seriesId, 'termin', 'Termin', @start, 'scheduled', @start, @start)
                """,
                new { seriesId, start });
        }

        using (new CultureScope(culture, zone))
        {
            var ev = await new EventStore(db.Database).FindBySlugAsync("termin");

            Assert.NotNull(ev);
            Assert.Equal(new DateTimeOffset(2026, 10, 25, 9, 0, 0, TimeSpan.Zero), ev.ScheduledStart);
            Assert.Equal(TimeSpan.Zero, ev.ScheduledStart.Offset);
            Assert.Equal("Sonntag, 25. Oktober 2026, 10:00 Uhr", BerlinTime.LongDateTime(ev.ScheduledStart));
            var listed = Assert.Single(await new EventStore(db.Database).ListEventsAsync(includeDrafts: true));
            Assert.Equal(ev.ScheduledStart, listed.ScheduledStart);
        }
    }

    private sealed record Row(long Id, DateTimeOffset? At);

    /// <summary>Sets the culture (and optionally the machine's local time zone) and puts them back on dispose.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;
        private readonly string? tz = Environment.GetEnvironmentVariable("TZ");
        private readonly bool zoneChanged;

        public CultureScope(string name, string? zone = null)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            if (zone is not null)
            {
                // .NET on Linux reads TZ when its cached local zone is cleared.
                Environment.SetEnvironmentVariable("TZ", zone);
                TimeZoneInfo.ClearCachedData();
                Assert.Equal(zone, TimeZoneInfo.Local.Id);
                zoneChanged = true;
            }
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            if (zoneChanged)
            {
                Environment.SetEnvironmentVariable("TZ", tz);
                TimeZoneInfo.ClearCachedData();
            }
        }
    }
}
