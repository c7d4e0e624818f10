using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Storage;

public sealed class MigrationTests
{
    private static readonly Migration ExtraColumn = new("0900_test_extra_column", "ALTER TABLE series ADD COLUMN colour TEXT NOT NULL DEFAULT 'blau';");

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void Embedded_migrations_are_numbered_sql_files_in_order()
    {
        var ids = Migrator.Embedded.Select(m => m.Id).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal("0001_initial", ids[0]);
        Assert.All(ids, id => Assert.Matches("^[0-9]{4}_[a-z0-9_]+$", id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(Migrator.Embedded, m => Assert.Contains("CREATE", m.Sql, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void On_an_empty_file_every_embedded_migration_is_applied_and_journaled()
    {
        using var db = new TempDatabase();

        db.Migrator().ApplyAll();

        using var connection = db.Database.Open();
        var journal = connection.Query<(string Id, string AppliedUtc)>("SELECT id, applied_utc FROM schema_journal ORDER BY id").ToList();
        Assert.Equal(Migrator.Embedded.Select(m => m.Id), journal.Select(j => j.Id));
        Assert.All(journal, j => Assert.Equal("2026-03-31T08:00:00.000Z", j.AppliedUtc));
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
        Assert.Superset(new HashSet<string> { "series", "events", "blocks", "speakers", "clock_facts", "accounts", "event_moderators" }, tables);
        Assert.Empty(db.Migrator().Pending());
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void A_second_start_applies_nothing_again_and_keeps_the_data()
    {
        using var db = new TempDatabase();
        db.Migrator().ApplyAll();
        using (var connection = db.Database.Open())
        {
            connection.Execute("INSERT INTO series (slug, title, created_utc) VALUES ('reihe', 'Reihe', @now)", new { now = db.Time.GetUtcNow() });
        }

        db.Time.Advance(TimeSpan.FromDays(3));
        db.Migrator().ApplyAll();

        using var reopened = db.Database.Open();
        var journal = reopened.Query<(string Id, string AppliedUtc)>("SELECT id, applied_utc FROM schema_journal").ToList();
        Assert.Equal(Migrator.Embedded.Count, journal.Count);
        Assert.All(journal, j => Assert.Equal("2026-03-31T08:00:00.000Z", j.AppliedUtc));
        Assert.Equal("Reihe", reopened.ExecuteScalar<string>("SELECT title FROM series WHERE slug = 'reihe'"));
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void A_database_of_an_older_build_gets_only_the_new_migration_and_keeps_its_data()
    {
        using var db = new TempDatabase();
        db.Migrator().ApplyAll();
        using (var connection = db.Database.Open())
        {
            connection.Execute("INSERT INTO series (slug, title, created_utc) VALUES ('alt', 'Alte Reihe', @now)", new { now = db.Time.GetUtcNow() });
        }

        db.Time.Advance(TimeSpan.FromDays(30));
        var newer = db.Migrator([.. Migrator.Embedded, ExtraColumn]);
        Assert.Equal([ExtraColumn.Id], newer.Pending());

        newer.ApplyAll();

        using var reopened = db.Database.Open();
        var journal = reopened.Query<(string Id, string AppliedUtc)>("SELECT id, applied_utc FROM schema_journal").ToDictionary(j => j.Id, j => j.AppliedUtc);
        Assert.Equal(Migrator.Embedded.Count + 1, journal.Count);
        Assert.Equal("2026-03-31T08:00:00.000Z", journal["0001_initial"]);
        Assert.Equal("2026-04-30T08:00:00.000Z", journal[ExtraColumn.Id]);
        Assert.Equal(("Alte Reihe", "blau"), reopened.QuerySingle<(string, string)>("SELECT title, colour FROM series WHERE slug = 'alt'"));
        Assert.Empty(newer.Pending());
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void A_failing_migration_is_rolled_back_entirely_and_not_journaled()
    {
        using var db = new TempDatabase();
        db.Migrator().ApplyAll();
        // The first statement would work on its own; the second fails, so neither may remain.
        var broken = new Migration("0901_test_broken", """
            CREATE TABLE half_done (id INTEGER PRIMARY KEY);
            INSERT INTO half_done (id) VALUES (1);
            INSERT INTO no_such_table (x) VALUES (1);
            """);
        var migrator = db.Migrator([.. Migrator.Embedded, broken, ExtraColumn]);

        var error = Assert.Throws<InvalidOperationException>(migrator.ApplyAll);

        Assert.Contains("0901_test_broken", error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
        using var connection = db.Database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_journal WHERE id = '0901_test_broken'"));
        // Nothing after the broken one ran either: migrations apply strictly in order.
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_journal WHERE id = @Id", new { ExtraColumn.Id }));
        Assert.Equal([broken.Id, ExtraColumn.Id], migrator.Pending());
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void App_connections_use_wal_foreign_keys_and_a_busy_timeout()
    {
        using var db = new TempDatabase();
        db.Migrator().ApplyAll();

        using var connection = db.Database.Open();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        Assert.True(connection.ExecuteScalar<long>("PRAGMA busy_timeout") >= 1000);

        var error = Assert.Throws<SqliteException>(() => connection.Execute(
            "INSERT INTO blocks (event_id, position, title) VALUES (4711, 1, 'Block ohne Veranstaltung')"));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("FOREIGN KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM blocks"));
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public async Task A_writer_waits_for_another_writer_instead_of_failing_at_once()
    {
        using var db = new TempDatabase();
        db.Migrator().ApplyAll();
        using var first = db.Database.Open();
        using var second = db.Database.Open();

        var holding = Database.BeginWrite(first);
        first.Execute("INSERT INTO series (slug, title, created_utc) VALUES ('eins', 'Eins', '2026-03-31T08:00:00.000Z')", transaction: holding);
        var waiting = Task.Run(() =>
        {
            using var transaction = Database.BeginWrite(second);
            second.Execute("INSERT INTO series (slug, title, created_utc) VALUES ('zwei', 'Zwei', '2026-03-31T08:00:00.000Z')", transaction: transaction);
            transaction.Commit();
        });
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted); // it cannot get the write lock while the first holds it
        holding.Commit();
        holding.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["eins", "zwei"], first.Query<string>("SELECT slug FROM series ORDER BY id"));
    }

    [Fact]
    public async Task Healthz_answers_and_readyz_reports_pending_migrations_until_they_are_journaled()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = app.CreateClient();

        var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        string appliedUtc;
        using (var connection = app.Get<Database>().Open())
        {
            appliedUtc = connection.ExecuteScalar<string>("SELECT applied_utc FROM schema_journal WHERE id = '0001_initial'")!;
            connection.Execute("DELETE FROM schema_journal WHERE id = '0001_initial'");
        }

        var notReady = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var body = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("migrations-pending", body.GetProperty("status").GetString());
        Assert.Equal(["0001_initial"], body.GetProperty("pending").EnumerateArray().Select(e => e.GetString()));
        // Liveness does not depend on the database: the process is still up.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        using (var connection = app.Get<Database>().Open())
        {
            connection.Execute("INSERT INTO schema_journal (id, applied_utc) VALUES ('0001_initial', @appliedUtc)", new { appliedUtc });
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public async Task Readyz_is_503_when_the_database_file_cannot_be_opened()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false);
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        // The database's folder disappears under the running app (a lost volume).
        SqliteConnection.ClearAllPools();
        Directory.Delete(app.Folder, recursive: true);

        var response = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("database-unavailable", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Directory.CreateDirectory(app.Folder);
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void Without_a_connection_string_the_database_is_data_ozglive_db_under_the_content_root_and_its_folder_is_created()
    {
        var root = Directory.CreateTempSubdirectory("ozglive-root-").FullName;
        try
        {
            foreach (var configured in new[] { null, "", "  " })
            {
                var resolved = new SqliteConnectionStringBuilder(StorageExtensions.ResolveConnectionString(configured, root));
                Assert.Equal(Path.Combine(root, "data", "ozglive.db"), resolved.DataSource);
            }

            Assert.True(Directory.Exists(Path.Combine(root, "data")));
            Assert.False(File.Exists(Path.Combine(root, "data", "ozglive.db")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    [Trait("Storage", "SqliteOnly")]
    public void A_configured_relative_path_is_resolved_against_the_content_root_and_an_absolute_one_is_kept()
    {
        var root = Directory.CreateTempSubdirectory("ozglive-root-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("ozglive-elsewhere-").FullName;
        try
        {
            var relative = new SqliteConnectionStringBuilder(StorageExtensions.ResolveConnectionString("Data Source=var/lib/live.db;Cache=Shared", root));
            Assert.Equal(Path.Combine(root, "var", "lib", "live.db"), relative.DataSource);
            Assert.Equal(SqliteCacheMode.Shared, relative.Cache);
            Assert.True(Directory.Exists(Path.Combine(root, "var", "lib")));

            var absolutePath = Path.Combine(elsewhere, "neu", "ozg.db");
            var absolute = new SqliteConnectionStringBuilder(StorageExtensions.ResolveConnectionString($"Data Source={absolutePath}", root));
            Assert.Equal(absolutePath, absolute.DataSource);
            Assert.True(Directory.Exists(Path.Combine(elsewhere, "neu")));

            var memory = new SqliteConnectionStringBuilder(StorageExtensions.ResolveConnectionString("Data Source=:memory:", root));
            Assert.Equal(":memory:", memory.DataSource);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
