using System.Globalization;

namespace LoadBench;

/// <summary>
/// Sizes of one run. <c>--smoke</c> is CI's few-second setting (it checks that every scenario still
/// runs and its correctness checks hold; it measures nothing worth keeping), <c>--moderate</c> the
/// default, <c>--full</c> issue 10's sizes. Any size can be set on its own after the mode.
/// </summary>
public sealed record BenchSettings
{
    public string Mode { get; init; } = "moderate";

    /// <summary>Viewers for the join, fan-out and reconnect scenarios (issue 10: 10,000).</summary>
    public int Viewers { get; init; } = 1000;

    /// <summary>Viewers joining the event with many questions and the empty one (issue 10: 1,000).</summary>
    public int ManyQuestionsViewers { get; init; } = 1000;

    public int ManyQuestions { get; init; } = 10_000;

    public int Askers { get; init; } = 200;

    public TimeSpan AskDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Questions a second the askers offer together in the fixed-rate period (issue 10: 3,000).</summary>
    public int AskRate { get; init; } = 3000;

    public int Voters { get; init; } = 1000;

    /// <summary>Viewers who answer the one open poll, once each (issue 14: 10,000).</summary>
    public int PollViewers { get; init; } = 1000;

    /// <summary>The answers are spread evenly over this time, as an audience answers (issue 14: within 20 s).</summary>
    public TimeSpan PollDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Questions every voter votes for: Voters × this many votes in all.</summary>
    public int VoteQuestions { get; init; } = 10;

    /// <summary>Approval rounds for the fan-out percentiles.</summary>
    public int Rounds { get; init; } = 50;

    /// <summary>Viewers that keep reading while some stop (issue 10: 5,000; at most Viewers).</summary>
    public int StallViewers { get; init; } = 1000;

    public int Stalled { get; init; } = 10;

    /// <summary>How long the stalled clients stay stalled before the harness drops them itself.</summary>
    public TimeSpan StallWindow { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Viewers for "held" (issue 10: 18,000, this machine's descriptor ceiling per process).</summary>
    public int MaxViewers { get; init; } = 2000;

    /// <summary>Connection attempts in flight at once: a ramp, so the client is not the bottleneck.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>
    /// 0: the usual run (OzgLive against the baseline). 2: issue 15's comparison instead, one node
    /// (Redis off) against two nodes on one Redis and one database, in one run.
    /// </summary>
    public int Nodes { get; init; }

    /// <summary>
    /// Only these scenarios (their numbers, "1,2"), for measuring one change quickly; the warm-up always
    /// runs. Null: all. A partial run never writes the docs (its table would lack the other rows), except
    /// "polls": the poll scenario alone (OzgLive, after the warm-up), which has its own section there.
    /// </summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>The poll-only run (<c>--only polls</c>).</summary>
    public bool PollsOnly => Only is { Count: 1 } only && only.Contains("polls");

    /// <summary>The docs file to update, or null (smoke runs in CI never write it).</summary>
    public string? DocsPath { get; init; }

    /// <summary>One line per scenario, "passed NAME" or "failed NAME", for tests/run.sh.</summary>
    public string? ResultsPath { get; init; }

    public string OzgLiveDll { get; init; } = "src/OzgLive.Web/bin/Release/net10.0/OzgLive.Web.dll";

    public string BaselineDll { get; init; } = "tests/bench/BaselineHub/bin/Release/net10.0/BaselineHub.dll";

    public string HeapProbeDll { get; init; } = "tests/bench/HeapProbe/bin/Release/net10.0/HeapProbe.dll";

    /// <summary>The command as the docs show it (run-load.sh passes its own command line).</summary>
    public string Command { get; init; } = "";

    public static BenchSettings Smoke => new()
    {
        Mode = "smoke", Viewers = 50, ManyQuestionsViewers = 50, ManyQuestions = 500, Askers = 20,
        AskDuration = TimeSpan.FromSeconds(2), AskRate = 200, Voters = 50, PollViewers = 50, PollDuration = TimeSpan.FromSeconds(2), VoteQuestions = 3, Rounds = 5, StallViewers = 50,
        Stalled = 5, StallWindow = TimeSpan.FromSeconds(3), MaxViewers = 100, Concurrency = 32,
    };

    public static BenchSettings Full => new()
    {
        Mode = "full", Viewers = 10_000, ManyQuestionsViewers = 1000, ManyQuestions = 10_000, Askers = 200,
        AskDuration = TimeSpan.FromSeconds(20), Voters = 1000, PollViewers = 10_000, VoteQuestions = 10, Rounds = 100, StallViewers = 5000,
        Stalled = 50, StallWindow = TimeSpan.FromSeconds(40), MaxViewers = 18_000, Concurrency = 128,
    };

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                // A mode sets every size: give it first, then the sizes to change.
                "--smoke" => Smoke with { DocsPath = settings.DocsPath, ResultsPath = settings.ResultsPath, Only = settings.Only, Nodes = settings.Nodes },
                "--moderate" => new BenchSettings { DocsPath = settings.DocsPath, ResultsPath = settings.ResultsPath, Only = settings.Only, Nodes = settings.Nodes },
                "--full" => Full with { DocsPath = settings.DocsPath, ResultsPath = settings.ResultsPath, Only = settings.Only, Nodes = settings.Nodes },
                "--viewers" => settings with { Viewers = Number() },
                "--many-questions-viewers" => settings with { ManyQuestionsViewers = Number() },
                "--many-questions" => settings with { ManyQuestions = Number() },
                "--askers" => settings with { Askers = Number() },
                "--ask-seconds" => settings with { AskDuration = TimeSpan.FromSeconds(Number()) },
                "--ask-rate" => settings with { AskRate = Number() },
                "--voters" => settings with { Voters = Number() },
                "--poll-viewers" => settings with { PollViewers = Number() },
                "--poll-seconds" => settings with { PollDuration = TimeSpan.FromSeconds(Number()) },
                "--rounds" => settings with { Rounds = Number() },
                "--stall-viewers" => settings with { StallViewers = Number() },
                "--stalled" => settings with { Stalled = Number() },
                "--max-viewers" => settings with { MaxViewers = Number() },
                "--concurrency" => settings with { Concurrency = Number() },
                "--nodes" => settings with { Nodes = Number() is var nodes and (0 or 2) ? nodes : throw new ArgumentException("--nodes takes 2 (or 0 for the usual run)") },
                "--only" => settings with { Only = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet() },
                "--docs" => settings with { DocsPath = Value() },
                "--results" => settings with { ResultsPath = Value() },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return settings;
    }
}
