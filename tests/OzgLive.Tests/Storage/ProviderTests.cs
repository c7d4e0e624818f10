using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Storage;

/// <summary>The two storage providers: chosen by configuration, with the same schema from twin migrations.</summary>
public sealed class ProviderTests
{
    [Theory]
    [InlineData(null, null, StorageProvider.Sqlite)]
    [InlineData(null, "Data Source=data/ozglive.db", StorageProvider.Sqlite)]
    [InlineData(null, "Host=db.internal;Database=ozglive;Username=ozglive", StorageProvider.Postgres)]
    [InlineData(null, "Database=ozglive; host=127.0.0.1", StorageProvider.Postgres)]
    [InlineData("postgres", "", StorageProvider.Postgres)]
    [InlineData("PostgreSQL", null, StorageProvider.Postgres)]
    [InlineData("sqlite", "Host=ignored", StorageProvider.Sqlite)]
    public void The_provider_is_the_setting_or_else_what_the_connection_string_names(string? setting, string? connectionString, StorageProvider expected) =>
        Assert.Equal(expected, StorageExtensions.ChooseProvider(setting, connectionString));

    [Fact]
    public void An_unknown_provider_stops_the_start_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageExtensions.ChooseProvider("mysql", null));
        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_migration_has_its_PostgreSQL_twin_and_a_missing_one_is_named()
    {
        Assert.Empty(Migrator.MissingTwins(Migrator.Embedded, Migrator.EmbeddedPostgres));
        Assert.Equal(Migrator.Embedded.Select(m => m.Id), Migrator.EmbeddedPostgres.Select(m => m.Id));

        // A helper adds 0099 in SQLite's dialect only: the start is refused with both files named.
        var missing = Migrator.MissingTwins([.. Migrator.Embedded, new Migration("0099_new_table", "CREATE TABLE t (id INTEGER)")], Migrator.EmbeddedPostgres);
        Assert.Equal(["Storage/Migrations/postgres/0099_new_table.sql (twin of Storage/Migrations/0099_new_table.sql)"], missing);
    }

    [Fact]
    public async Task Both_providers_end_with_the_same_tables_and_columns()
    {
        using var sqlite = new TempDatabase();
        sqlite.Migrator().ApplyAll();
        using var sqliteConnection = sqlite.Database.Open();
        var sqliteTables = sqliteConnection.Query<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToList();
        var sqliteColumns = sqliteTables
            .SelectMany(table => sqliteConnection.Query<string>($"SELECT name FROM pragma_table_info('{table}')").Select(column => $"{table}.{column}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var server = await SharedPostgres.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            using var postgres = new Database(StorageProvider.Postgres, connectionString);
            using var postgresConnection = postgres.Open();
            var postgresColumns = postgresConnection.Query<string>(
                """
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = current_schema()
                  AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
                """).Order(StringComparer.Ordinal).ToList();

            Assert.Contains("questions.number", sqliteColumns);
            Assert.Equal(sqliteColumns, postgresColumns);
            Assert.Equal(
                sqliteConnection.Query<string>("SELECT id FROM schema_journal ORDER BY id"),
                postgresConnection.Query<string>("SELECT id FROM schema_journal ORDER BY id"));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
