using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Storage;

/// <summary>
/// PostgreSQL missing at the start, and lost and back while the app runs. Each test that stops a
/// server has a server of its own, so the run's shared one (and every other test) is not disturbed.
/// </summary>
public sealed class PostgresFaultTests
{
    [Fact]
    public async Task An_unreachable_server_stops_the_start_with_one_sentence_naming_the_setting()
    {
        var port = FreePort();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?>
        {
            ["ConnectionStrings:OzgLive"] = $"Host=127.0.0.1;Port={port};Username=ozglive;Password=geheim-123;Database=ozglive;Timeout=3",
        }));

        Assert.Contains("ConnectionStrings:OzgLive", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Losing_the_server_fails_readyz_refuses_writes_with_a_code_and_the_app_recovers_when_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var app = await TestApp.StartAsync(seedDemo: false, postgres: server);
        var series = await app.Get<EventEditor>().SaveSeriesAsync(null, new SeriesInput { Title = "Ausfallreihe", Slug = "ausfallreihe" });
        var ev = await app.CreateEventAsync(series.Id, "ausfall-", "Sendung ohne Datenbank", "Die Datenbank fällt aus und kommt wieder.");
        using var http = app.CreateClient();
        await using var viewer = new Participant(await app.ConnectAsync(), "viewer");
        await viewer.InvokeAsync("IdentifyViewer", [null]);
        await viewer.InvokeAsync("JoinEvent", ev.Slug);
        var before = await viewer.AskAsync(ev.Id, "Eine Frage, bevor die Datenbank ausfällt?");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        await server.StopServerAsync();

        var down = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("database-unavailable", JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var lostClientId = QuestionCalls.NewClientId();
        Assert.Equal("storage-unavailable", await QuestionCalls.RefusedAsync(
            () => viewer.AskAsync(ev.Id, "Eine Frage, während die Datenbank fehlt?", lostClientId)));
        // Liveness does not depend on the database: the process stays up and is not restarted.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        await server.StartServerAsync();

        // No restart of the app: the pool drops its broken connections and opens new ones.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        var after = await viewer.AskAsync(ev.Id, "Eine Frage, nachdem sie wieder da ist?");
        var stored = await app.Get<OzgLive.Web.Questions.QuestionStore>().ListAsync(ev.Id);
        // The refused question was not half-stored; the two others are, numbered without a gap.
        Assert.Equal([before.Id(), after.Id()], stored.Select(q => q.Id));
        Assert.Equal([1L, 2L], stored.Select(q => (long)q.Number));
        Assert.DoesNotContain(stored, q => q.ClientId == lostClientId);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
