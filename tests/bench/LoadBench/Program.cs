// Issue 10's load benchmark: starts OzgLive (Release, a fresh database) and a bare SignalR baseline
// (tests/bench/BaselineHub) as child processes on 127.0.0.1, connects viewers with the .NET SignalR
// client over WebSockets, runs the scenarios against both, and prints (and with --docs writes) one
// table with both servers' figures from the same run. Run it with tests/bench/run-load.sh, which
// builds everything in Release and raises the descriptor limit first. docs/benchmarks.md explains
// every figure.
using System.Globalization;
using LoadBench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var settings = BenchSettings.Parse(args) with
{
    Command = (Environment.GetEnvironmentVariable("LOADBENCH_COMMAND") ?? "bash tests/bench/run-load.sh " + string.Join(' ', args)).Trim(),
};
// Thousands of connections start at once; without warm threads the client's own pool ramps slowly.
ThreadPool.SetMinThreads(Math.Max(64, settings.Concurrency * 2), Math.Max(64, settings.Concurrency * 2));

var before = MachineInfo.Read();
var measurements = new Measurements();
if (settings.Nodes > 0)
{
    await NodesComparison.RunAsync(settings, measurements, Step);
    await FinishAsync(NodesComparison.Render(measurements, settings, before, MachineInfo.Read()), Report.NodesBegin, Report.NodesEnd, "## Several nodes (issue 15): one node against two");
    return measurements.Checks.All(c => c.Passed) ? 0 : 1;
}

var folder = Directory.CreateTempSubdirectory("loadbench-db-").FullName;
try
{
    var databasePath = Path.Combine(folder, "ozglive.db");
    Console.WriteLine($"Preparing a fresh OzgLive database in {folder} ...");
    var events = await OzgLiveSetup.PrepareAsync(databasePath, settings);

    await using (var server = new ServerProcess("ozglive", settings.OzgLiveDll, settings.HeapProbeDll, OzgLiveSetup.Configuration(databasePath)))
    {
        await server.StartAsync();
        Console.WriteLine($"OzgLive on {server.BaseUri}, pid {server.Pid}");
        var target = new OzgLiveTarget(server, events.Ids);
        var run = new Scenarios(settings, target, "OzgLive", measurements);
        await Step("OzgLive", "warm-up", run.WarmUpAsync);
        if (settings.PollsOnly)
        {
            await Step("OzgLive", "9. poll answers", () => run.PollAsync(OzgLiveSetup.PollSlug, events.PollId));
            await FinishAsync(Report.RenderPolls(measurements, settings, before, MachineInfo.Read()), Report.PollsBegin, Report.PollsEnd, "### Polls: latest run");
            return measurements.Checks.All(c => c.Passed) ? 0 : 1;
        }

        await Step("OzgLive", "1. join", run.JoinAsync);
        await Step("OzgLive", "6. fan-out", run.FanOutAsync);
        await Step("OzgLive", "3. reconnect storm", () => run.ReconnectStormAsync(keepsState: true));
        await Step("OzgLive", "7. stalled clients", run.StalledClientsAsync);
        await Step("OzgLive", "8. max viewers", run.MaxViewersAsync);
        await Step("OzgLive", "2. many questions", run.JoinManyQuestionsAsync);
        await Step("OzgLive", "5. votes", () => run.VotesAsync(OzgLiveSetup.VoteSlug, events.VoteQuestionIds));
        await Step("OzgLive", "9. poll answers", () => run.PollAsync(OzgLiveSetup.PollSlug, events.PollId));
        // Last, because it ends with kill -9 (and a restart, so the server is running for the next step).
        await Step("OzgLive", "4. durable questions", () => run.DurableQuestionsAsync(databasePath, events.Ids[OzgLiveSetup.AskSlug]));
        await run.DisposeViewersAsync();
    }

    await using (var server = new ServerProcess("baseline", settings.BaselineDll, settings.HeapProbeDll, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }))
    {
        await server.StartAsync();
        Console.WriteLine($"Baseline on {server.BaseUri}, pid {server.Pid}");
        var run = new Scenarios(settings, new BaselineTarget(server), "baseline", measurements);
        await Step("baseline", "warm-up", run.WarmUpAsync);
        await Step("baseline", "1. join", run.JoinAsync);
        await Step("baseline", "6. fan-out", run.FanOutAsync);
        await Step("baseline", "3. reconnect storm", () => run.ReconnectStormAsync(keepsState: false));
        await Step("baseline", "7. stalled clients", run.StalledClientsAsync);
        await Step("baseline", "8. max viewers", run.MaxViewersAsync);
        await run.DisposeViewersAsync();
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

await FinishAsync(Report.Render(measurements, settings, before, MachineInfo.Read()), Report.Begin, Report.End, "## Load (issue 10): latest run");
return measurements.Checks.All(c => c.Passed) ? 0 : 1;

// Prints the figures and writes them where --docs and --results say.
async Task FinishAsync(string section, string begin, string end, string heading)
{
    Console.WriteLine();
    Console.WriteLine(section);
    // A partial run's table would lack the other rows; the poll-only run has a section of its own.
    if (settings.DocsPath is not null && (settings.Only is null || settings.PollsOnly))
    {
        Report.WriteDocs(settings.DocsPath, section, begin, end, heading);
        Console.WriteLine($"Written to {settings.DocsPath}");
    }

    if (settings.ResultsPath is not null)
    {
        await File.WriteAllLinesAsync(settings.ResultsPath, measurements.Checks.Select(c => $"{(c.Passed ? "passed" : "failed")} {c.Scenario}"));
    }
}

// A scenario that throws is reported as failed and the run goes on with the next one.
async Task Step(string server, string scenario, Func<Task> run)
{
    if (settings.Only is { } only && scenario != "warm-up" && !only.Contains(scenario.Split('.')[0]))
    {
        return;
    }

    Console.WriteLine($"{server}: {scenario} ...");
    try
    {
        await run();
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        measurements.Check($"{server}: {scenario}", false, $"{ex.GetType().Name}: {ex.Message}");
    }
}
