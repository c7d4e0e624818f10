using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.JavaScript;

/// <summary>
/// The hub as the browsers see it: tests/js/clock-client.mjs talks to the real app with the official
/// @microsoft/signalr client (automatic and stateful reconnect on) through the pages' own module,
/// wwwroot/js/live-shared.js (its connection and numbered-stream rules), and reports what a viewer saw.
/// </summary>
public sealed class OfficialJavaScriptClientTests
{
    [Fact]
    public async Task Viewer_receives_the_organisers_clock_commands_with_consecutive_sequence_numbers()
    {
        await using var app = await TestApp.StartAsync();
        var cookies = await app.SignInAsync();

        var summary = await NodeClient.RunAsync(app, cookies, "clock");

        var viewer = summary.GetProperty("viewer");
        var organiser = summary.GetProperty("organiser");
        Assert.Equal("viewer", viewer.GetProperty("role").GetString());
        Assert.Equal("organiser", organiser.GetProperty("role").GetString());
        Assert.Contains("forbidden", summary.GetProperty("viewerCommandError").GetString());

        var joinedAt = summary.GetProperty("joinedAtSeq").GetInt64();
        var deltas = viewer.GetProperty("deltas").EnumerateArray().ToList();
        Assert.Equal(["startEvent", "startBlock"], deltas.Select(d => d.GetProperty("command").GetString()));
        Assert.Equal([joinedAt + 1, joinedAt + 2], deltas.Select(d => d.GetProperty("seq").GetInt64()));
        Assert.Equal(
            summary.GetProperty("commandSeqs").EnumerateArray().Select(s => s.GetInt64()),
            deltas.Select(d => d.GetProperty("seq").GetInt64()));

        Assert.Equal("intro", deltas[0].GetProperty("phase").GetString());
        var blockStarted = deltas[1];
        Assert.Equal("block", blockStarted.GetProperty("phase").GetString());
        Assert.Equal(1, blockStarted.GetProperty("currentBlock").GetInt32());
        Assert.Equal("running", blockStarted.GetProperty("state").GetString());
        // The fake clock stands still: the block ends exactly 30 minutes after the server's now.
        Assert.Equal(30 * 60, blockStarted.GetProperty("secondsToEnd").GetDouble());
        Assert.Equal(30 * 60, blockStarted.GetProperty("remainingSeconds").GetInt32());

        Assert.Equal(0, viewer.GetProperty("gaps").GetInt32());
        Assert.Equal(0, viewer.GetProperty("reconnecting").GetInt32());
    }

    [Fact]
    public async Task Stateful_reconnect_replays_a_change_made_while_the_viewers_socket_was_down()
    {
        await using var app = await TestApp.StartAsync();
        var cookies = await app.SignInAsync();

        var summary = await NodeClient.RunAsync(app, cookies, "stateful");

        var viewer = summary.GetProperty("viewer");
        var missed = summary.GetProperty("missedSeq").GetInt64();
        var last = viewer.GetProperty("deltas").EnumerateArray().Last();
        Assert.Equal("extendBlock", last.GetProperty("command").GetString());
        Assert.Equal(missed, last.GetProperty("seq").GetInt64());
        Assert.Equal(5, last.GetProperty("extendedMinutes").GetInt32());
        Assert.Equal(35 * 60, last.GetProperty("secondsToEnd").GetDouble());

        // Replayed on the same connection: no reconnect the page would notice, no gap, no resync.
        Assert.True(summary.GetProperty("sameConnection").GetBoolean());
        Assert.Equal(0, viewer.GetProperty("reconnecting").GetInt32());
        Assert.Equal(0, viewer.GetProperty("gaps").GetInt32());
        Assert.Single(viewer.GetProperty("snapshots").EnumerateArray());
        Assert.Equal(missed, viewer.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task After_a_server_restart_the_client_reconnects_joins_again_and_resyncs_to_the_latest_seq()
    {
        await using var app = await TestApp.StartAsync(extra: new Dictionary<string, string?>
        {
            // The same port after the restart, as for a real server.
            ["urls"] = $"http://127.0.0.1:{FreePort()}",
            // A client's stateful-reconnect attempt that reaches the server while it shuts down is
            // sometimes accepted after SignalR closed its connections; the host then waits its whole
            // shutdown timeout (30 s by default) for that socket. Clients cope (they reconnect once
            // the server is back), but the test should not wait half a minute for it.
            ["shutdownTimeoutSeconds"] = "2",
        });
        var cookies = await app.SignInAsync();
        var before = app.BaseAddress;

        var summary = await NodeClient.RunAsync(app, cookies, "restart", onStep: async step =>
        {
            if (step == "restart")
            {
                await app.RestartAsync();
            }
        });

        Assert.Equal(before, app.BaseAddress);
        var viewer = summary.GetProperty("viewer");
        var organiser = summary.GetProperty("organiser");
        Assert.True(viewer.GetProperty("reconnecting").GetInt32() >= 1);
        Assert.True(viewer.GetProperty("reconnected").GetInt32() >= 1);
        Assert.True(organiser.GetProperty("reconnected").GetInt32() >= 1);
        Assert.Equal(0, viewer.GetProperty("closed").GetInt32());

        // A new connection id after the restart, and a second snapshot from joining again.
        var ids = viewer.GetProperty("connectionIds").EnumerateArray().Select(i => i.GetString()).ToList();
        Assert.True(ids.Count >= 2);
        Assert.NotEqual(ids[0], ids[^1]);
        Assert.Contains(viewer.GetProperty("snapshots").EnumerateArray(), s => s.GetProperty("via").GetString() == "JoinEvent" && s.GetProperty("seq").GetInt64() > summary.GetProperty("joinedAtSeq").GetInt64());

        // The extension made after the restart reached the viewer (as a delta or in its snapshot),
        // and a fresh snapshot agrees with what it shows.
        var latest = summary.GetProperty("afterRestartSeq").GetInt64();
        Assert.Equal(latest, viewer.GetProperty("seq").GetInt64());
        Assert.Equal(5, viewer.GetProperty("current").GetProperty("extendedMinutes").GetInt32());
        var fresh = summary.GetProperty("freshSnapshot");
        Assert.Equal(latest, fresh.GetProperty("seq").GetInt64());
        Assert.Equal("block", fresh.GetProperty("phase").GetString());
        Assert.Equal(5, fresh.GetProperty("extendedMinutes").GetInt32());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Runs tests/js/clock-client.mjs with the node found on PATH.</summary>
internal static class NodeClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<JsonElement> RunAsync(TestApp app, CookieContainer cookies, string scenario, Func<string, Task>? onStep = null)
    {
        var root = RepoRoot();
        var start = new ProcessStartInfo(FindNode())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add(Path.Combine(root, "tests", "js", "clock-client.mjs"));
        start.ArgumentList.Add(app.BaseAddress.ToString());
        start.ArgumentList.Add(cookies.GetCookieHeader(app.BaseAddress));
        start.ArgumentList.Add(scenario);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var lines = Channel.CreateUnbounded<string>();
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lines.Writer.TryComplete();
            }
            else
            {
                lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(Timeout);
        JsonElement? summary = null;
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(cancel.Token))
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("step", out var step))
                {
                    await (onStep?.Invoke(step.GetString()!) ?? Task.CompletedTask);
                }
                else if (document.RootElement.TryGetProperty("summary", out var found))
                {
                    summary = found.Clone();
                }
            }

            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"clock-client.mjs {scenario} did not finish within {Timeout.TotalSeconds} s. stderr:\n{errors}");
        }

        if (process.ExitCode != 0 || summary is null)
        {
            throw new InvalidOperationException($"clock-client.mjs {scenario} failed (exit {process.ExitCode}). stderr:\n{errors}");
        }

        // What the client saw, for whoever reads a failed test's output.
        TestContext.Current.TestOutputHelper?.WriteLine(summary.Value.GetRawText());
        return summary.Value;
    }

    private static string FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : ["node"];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("node is not on PATH; the official JavaScript client needs Node.js 18 or later.");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OzgLive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OzgLive.sln not found above " + AppContext.BaseDirectory);
    }
}
