using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadBench;

/// <summary>
/// Issue 15's figures (<c>--nodes 2</c>): in one run, one node as today (Redis off) and then two nodes
/// on one redis-server and one database, each on a fresh database with the same content. Viewers and
/// askers are spread round-robin over the nodes; the moderator (and the asker of each round's
/// question) stays on node A, so every approval reaches node B's viewers through Redis. The two nodes
/// share one SQLite file (correct across processes: every write is BEGIN IMMEDIATE) and, beside it,
/// the data-protection keys, so the moderator's sign-in and the viewers' tokens work on both.
/// </summary>
public static class NodesComparison
{
    public const string OneNode = "1 node";
    public const string TwoNodes = "2 nodes";

    public static async Task RunAsync(BenchSettings settings, Measurements measurements, Func<string, string, Func<Task>, Task> step)
    {
        await RunSetupAsync(settings, measurements, step, OneNode, nodeCount: 1);
        await RunSetupAsync(settings, measurements, step, TwoNodes, nodeCount: 2);
    }

    private static async Task RunSetupAsync(BenchSettings settings, Measurements measurements, Func<string, string, Func<Task>, Task> step, string name, int nodeCount)
    {
        var folder = Directory.CreateTempSubdirectory("loadbench-nodes-").FullName;
        var nodes = new List<ServerProcess>();
        RedisProcess? redis = null;
        try
        {
            var databasePath = Path.Combine(folder, "ozglive.db");
            Console.WriteLine($"{name}: preparing a fresh OzgLive database in {folder} ...");
            var events = await OzgLiveSetup.PrepareAsync(databasePath, settings);
            var configuration = OzgLiveSetup.Configuration(databasePath);
            if (nodeCount > 1)
            {
                redis = await RedisProcess.StartAsync();
                configuration["Redis__Configuration"] = redis.Configuration;
                Console.WriteLine($"{name}: redis-server on {redis.Configuration}");
            }

            // One after the other: the first node applies the migrations (none are left after the preparation) and makes the keys.
            for (var i = 0; i < nodeCount; i++)
            {
                var node = new ServerProcess($"node-{(char)('a' + i)}", settings.OzgLiveDll, settings.HeapProbeDll, configuration);
                nodes.Add(node);
                await node.StartAsync();
                Console.WriteLine($"{name}: {node.Name} on {node.BaseUri}, pid {node.Pid}");
            }

            var liveEventId = events.Ids[OzgLiveSetup.LiveSlug];
            var run = new Scenarios(settings, new OzgLiveTarget(nodes[0], events.Ids), name, measurements, [.. nodes.Select(n => n.BaseUri)]);
            await step(name, "warm-up", run.WarmUpAsync);
            await step(name, "1. join", run.JoinAsync);
            await step(name, "6. fan-out", run.FanOutAsync);
            await step(name, "6. viewers reached the stored state", async () =>
            {
                var stored = await OzgLiveSetup.PublicSeqAsync(databasePath, liveEventId);
                var behind = run.Viewers.Count(v => v.Seq != stored);
                measurements.Check($"{name}: viewers reached the stored state", run.Viewers.Count == settings.Viewers && behind == 0,
                    $"{run.Viewers.Count - behind} of {settings.Viewers} viewers at the stored change number {stored}");
            });
            await run.DisposeViewersAsync();
            // Last: it kills node A with asks in flight (node B's askers go on until the period ends) and starts it again.
            await step(name, "4. durable questions", () => run.DurableQuestionsAsync(databasePath, events.Ids[OzgLiveSetup.AskSlug]));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The section for docs/benchmarks.md: the two setups side by side.</summary>
    public static string Render(Measurements m, BenchSettings s, MachineInfo before, MachineInfo after)
    {
        string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        (string Figure, string Key, string Format)[] rows =
        [
            ($"join {N(s.Viewers)} viewers (round-robin over the nodes), s", "join.seconds", "0.00"),
            ($"approve on node A → last of {N(s.Viewers)} viewers, p50, ms", "fanout.p50ms", "0.0"),
            ($"approve on node A → last of {N(s.Viewers)} viewers, p99, ms", "fanout.p99ms", "0.0"),
            ("… the moderator's call, p50, ms", "fanout.callP50ms", "0.0"),
            ($"durable questions, {N(s.Askers)} askers: acknowledged/s", "ask.perSecond", "N0"),
            ("… ack p50, ms", "ask.p50ms", "0.0"),
            ("… ack p99, ms", "ask.p99ms", "0.0"),
            ("… acknowledged / in the database after kill -9 of node A", "ask.acked", "N0"),
        ];
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Run of {before.Date:yyyy-MM-dd HH:mm} UTC, `{s.Mode}` sizes; machine: {before.Cores} cores, {before.MemoryGiB:0} GiB, load average {before.LoadAverage} at the start and {after.LoadAverage} at the end (other work on the machine included; the load client, redis-server and both nodes share the same cores)."));
        text.AppendLine();
        text.AppendLine("```bash");
        text.AppendLine(s.Command);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine($"| figure | {OneNode} | {TwoNodes} | {TwoNodes} / {OneNode} |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var (figure, key, format) in rows)
        {
            var one = m.Get(OneNode, key);
            var two = m.Get(TwoNodes, key);
            string Show(double? value, string server) => key == "ask.acked"
                ? $"{Format(value, format)} / {Format(m.Get(server, "ask.stored"), format)}"
                : Format(value, format);
            var ratio = key != "ask.acked" && one is double a && two is double b && a > 0 ? Invariant($"{b / a:0.00}×") : "–";
            text.AppendLine($"| {figure} | {Show(one, OneNode)} | {Show(two, TwoNodes)} | {ratio} |");
        }

        text.AppendLine();
        text.AppendLine("Checks (correctness, not timing): " + string.Join("; ", m.Checks.Select(c => $"{c.Scenario} {(c.Passed ? "passed" : "FAILED")} ({c.Detail})")) + ".");
        return text.ToString();
    }

    private static string Format(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Debian's redis-server on a free loopback port, nothing saved to disk; killed at the end.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly Process process;

    private RedisProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What the nodes get as Redis__Configuration.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync()
    {
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("OZGLIVE_REDIS_SERVER") ?? "redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server (apt-get install redis-server)");
        // Drained, so that its log can never fill the pipe and block it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisProcess(process, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return redis;
            }
            catch (SocketException)
            {
                // Not listening yet: readiness, polled as ServerProcess polls /readyz.
                await Task.Delay(50);
            }
        }

        await redis.DisposeAsync();
        throw new InvalidOperationException($"redis-server did not listen on {port} within {ReadyTimeout.TotalSeconds} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
