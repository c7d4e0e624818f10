using Microsoft.Data.Sqlite;

namespace OzgLive.Web.Storage;

public static class StorageExtensions
{
    public const string ConnectionStringName = "OzgLive";

    /// <summary>Names the engine explicitly: "sqlite" (default) or "postgres".</summary>
    public const string ProviderSetting = "Storage:Provider";

    /// <summary>
    /// Registers the database named by <c>ConnectionStrings:OzgLive</c>: by default the SQLite file
    /// <c>data/ozglive.db</c> under the content root, whose folder is created when missing; PostgreSQL
    /// when <c>Storage:Provider</c> says so or the connection string is clearly one of its own (<c>Host=</c>).
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        UtcTimeHandler.Register();
        FlagHandler.Register();

        // Read when first needed, so configuration added after this call (tests) still counts.
        builder.Services.AddSingleton(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var configured = configuration.GetConnectionString(ConnectionStringName);
            var provider = ChooseProvider(configuration[ProviderSetting], configured);
            return provider == StorageProvider.Postgres
                ? new Database(provider, configured ?? "")
                : new Database(ResolveConnectionString(configured, services.GetRequiredService<IHostEnvironment>().ContentRootPath));
        });
        builder.Services.AddSingleton<Migrator>();
        return builder;
    }

    /// <exception cref="InvalidOperationException">The setting names neither engine.</exception>
    internal static StorageProvider ChooseProvider(string? setting, string? connectionString)
    {
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return setting.Trim().ToLowerInvariant() switch
            {
                "sqlite" => StorageProvider.Sqlite,
                "postgres" or "postgresql" or "npgsql" => StorageProvider.Postgres,
                _ => throw new InvalidOperationException($"{ProviderSetting} is \"{setting}\"; it must be \"sqlite\" or \"postgres\"."),
            };
        }

        // "Host=" is PostgreSQL's keyword for the server; SQLite's strings name a Data Source instead.
        return connectionString is not null
            && connectionString.Split(';').Any(part => part.Trim().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
                                                       || part.Trim().StartsWith("Server=", StringComparison.OrdinalIgnoreCase))
            ? StorageProvider.Postgres
            : StorageProvider.Sqlite;
    }

    internal static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=data/ozglive.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            DataFolder.Create(path);
            builder.DataSource = path;
        }

        return builder.ToString();
    }

    /// <summary>Brings the schema up to date before the app takes any request.</summary>
    public static void MigrateDatabase(this IHost app)
    {
        DataFolder.EnsureWritable(app.Services.GetRequiredService<Database>());
        app.Services.GetRequiredService<Migrator>().ApplyAll();
    }
}
