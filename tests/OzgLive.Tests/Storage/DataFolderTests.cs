using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Storage;

/// <summary>Where the data folder is missing, cannot be made or cannot be written, the start says so.</summary>
[Trait("Storage", "SqliteOnly")]
public sealed class DataFolderTests
{
    [Fact]
    public async Task A_missing_data_folder_is_created_with_its_database()
    {
        var folder = Directory.CreateTempSubdirectory("ozglive-data-").FullName;
        var database = Path.Combine(folder, "noch", "nicht", "da", "ozglive.db");
        await using (var app = await TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?> { ["ConnectionStrings:OzgLive"] = $"Data Source={database}" }))
        {
            using var http = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        }

        Assert.True(File.Exists(database));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_created_stops_the_start_naming_the_folder_and_the_setting()
    {
        // Nothing, not even root, may make a folder in /proc.
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => TestApp.StartAsync(
            seedDemo: false, extra: new Dictionary<string, string?> { ["ConnectionStrings:OzgLive"] = "Data Source=/proc/ozglive-daten/ozglive.db" }));

        Assert.StartsWith("The data folder /proc/ozglive-daten does not exist and cannot be created", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:OzgLive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_data_folder_stops_the_start_before_any_request()
    {
        // /proc/self exists and refuses new files even to root, as a read-only volume would.
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => TestApp.StartAsync(
            seedDemo: false, extra: new Dictionary<string, string?> { ["ConnectionStrings:OzgLive"] = "Data Source=/proc/self/ozglive.db" }));

        Assert.StartsWith("The database /proc/self/ozglive.db cannot be opened for writing", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:OzgLive", error.Message, StringComparison.Ordinal);
    }
}
