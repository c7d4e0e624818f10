using Microsoft.Data.Sqlite;

namespace OzgLive.Web.Storage;

public static class StorageExtensions
{
    public const string ConnectionStringName = "OzgLive";

    /// <summary>
    /// Registers the SQLite database named by <c>ConnectionStrings:OzgLive</c>; by default the file
    /// <c>data/ozglive.db</c> under the content root, whose folder is created when missing.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        UtcTimeHandler.Register();

        // Read when first needed, so configuration added after this call (tests) still counts.
        builder.Services.AddSingleton(services => new Database(ResolveConnectionString(
            services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName),
            services.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        builder.Services.AddSingleton<Migrator>();
        return builder;
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
