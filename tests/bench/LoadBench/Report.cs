using System.Globalization;
using System.Text;

namespace LoadBench;

/// <summary>The figures of one run, per server ("OzgLive", "baseline"), and each scenario's correctness check.</summary>
public sealed class Measurements
{
    private readonly Dictionary<(string Server, string Key), double> figures = [];
    private readonly List<(string Scenario, bool Passed, string Detail)> checks = [];

    public void Set(string server, string key, double value)
    {
        figures[(server, key)] = value;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {server,-8} {key,-28} {value:0.###}"));
    }

    public double? Get(string server, string key) => figures.TryGetValue((server, key), out var value) ? value : null;

    /// <summary>A scenario ran to its end and its correctness check held (timings are never checked).</summary>
    public void Check(string scenario, bool passed, string detail)
    {
        checks.Add((scenario, passed, detail));
        Console.WriteLine($"  {(passed ? "passed" : "FAILED")} {scenario}: {detail}");
    }

    public IReadOnlyList<(string Scenario, bool Passed, string Detail)> Checks => checks;
}

/// <summary>Renders the table of issue 10's figures and writes it into docs/benchmarks.md between markers.</summary>
public static class Report
{
    public const string Begin = "<!-- load-bench:begin (written by tests/bench/run-load.sh; edit the text around it, not inside) -->";
    public const string End = "<!-- load-bench:end -->";

    private sealed record Line(string Figure, Func<Measurements, string, string> Show, Func<Measurements, string>? Ratio, string Budget, Func<Measurements, bool?> Met);

    public static string Render(Measurements m, BenchSettings s, MachineInfo before, MachineInfo after)
    {
        var lines = Lines(s);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Run of {before.Date:yyyy-MM-dd HH:mm} UTC, `{s.Mode}` sizes; machine: {before.Cores} cores, {before.MemoryGiB:0} GiB, load average {before.LoadAverage} at the start and {after.LoadAverage} at the end (other work on the machine included; the load client runs on the same cores)."));
        text.AppendLine();
        text.AppendLine("```bash");
        text.AppendLine(s.Command);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("| figure | OzgLive | baseline | ratio | budget | met |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var line in lines)
        {
            var met = line.Met(m) switch { true => "yes", false => "**no**", null => "–" };
            text.AppendLine($"| {line.Figure} | {line.Show(m, "OzgLive")} | {line.Show(m, "baseline")} | {line.Ratio?.Invoke(m) ?? "–"} | {line.Budget} | {met} |");
        }

        text.AppendLine();
        text.AppendLine("Checks (correctness, not timing): " + string.Join("; ", m.Checks.Select(c => $"{c.Scenario} {(c.Passed ? "passed" : "FAILED")} ({c.Detail})")) + ".");
        return text.ToString();
    }

    public const string NodesBegin = "<!-- nodes-bench:begin (written by tests/bench/run-load.sh --nodes 2; edit the text around it, not inside) -->";
    public const string NodesEnd = "<!-- nodes-bench:end -->";

    /// <summary>Replaces what stands between the markers, or appends the block under its heading.</summary>
    public static void WriteDocs(string path, string section, string begin, string end, string heading)
    {
        var docs = File.ReadAllText(path);
        var start = docs.IndexOf(begin, StringComparison.Ordinal);
        var stop = docs.IndexOf(end, StringComparison.Ordinal);
        var block = begin + "\n" + section + end;
        docs = start >= 0 && stop > start
            ? docs[..start] + block + docs[(stop + end.Length)..]
            : docs.TrimEnd() + "\n\n" + heading + "\n\n" + block + "\n";
        File.WriteAllText(path, docs);
    }

    private static List<Line> Lines(BenchSettings s)
    {
        string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        return
        [
            Row($"join {N(s.Viewers)} viewers, s", "join.seconds", "0.00", BaselineRatio("join.seconds"), "≤ 1.5× baseline", m => AtMost(m, "join.seconds", 1.5)),
            Row("server CPU per join, ms", "join.cpuPerJoinMs", "0.00", BaselineRatio("join.cpuPerJoinMs"), "", _ => null),
            Row("live heap per viewer, KB", "join.heapPerViewerKB", "0.0", BaselineRatio("join.heapPerViewerKB"), "≤ 1.1× baseline", m => AtMost(m, "join.heapPerViewerKB", 1.1)),
            Row("working set per viewer, KB", "join.workingSetPerViewerKB", "0.0", BaselineRatio("join.workingSetPerViewerKB"), "", _ => null),
            Row($"join {N(s.ManyQuestionsViewers)} viewers into {N(s.ManyQuestions)} questions / empty event, s", "many.seconds", "0.00",
                m => Ratio(m.Get("OzgLive", "many.seconds"), m.Get("OzgLive", "empty.seconds")) + " of empty (" + Show(m.Get("OzgLive", "empty.seconds"), "0.00") + " s)",
                "≤ 1.2× empty event", m => Ratio(m, "many.seconds", "empty.seconds") is double r ? r <= 1.2 : null),
            Row("… server CPU per join with the many questions, ms", "many.cpuPerJoinMs", "0.00", null, "", _ => null),
            Row($"reconnect storm: all {N(s.Viewers)} rejoined after kill -9, s", "storm.seconds", "0.00",
                m => Ratio(m.Get("OzgLive", "storm.seconds"), m.Get("OzgLive", "join.seconds")) + " of fresh join",
                "≤ 2× fresh join", m => m.Get("OzgLive", "storm.seconds") is double st && m.Get("OzgLive", "join.seconds") is double j ? st <= 2 * j : null),
            Row("… missed updates", "storm.missed", "0", null, "0", m => m.Get("OzgLive", "storm.missed") is double x ? x == 0 : null),
            Row($"durable questions, {N(s.Askers)} askers offering {N(s.AskRate)}/s together: ack p99, ms", "ask.offeredP99ms", "0.0", null, "≤ 50", m => m.Get("OzgLive", "ask.offeredP99ms") is double x ? x <= 50 : null),
            Row("… ack p50, ms", "ask.offeredP50ms", "0.0", null, "", _ => null),
            Row("… acknowledged/s", "ask.offeredPerSecond", "0", null, "", _ => null),
            Row($"durable questions, {N(s.Askers)} askers each asking again once answered: acknowledged/s", "ask.perSecond", "0", null, "≥ 3,000", m => m.Get("OzgLive", "ask.perSecond") is double x ? x >= 3000 : null),
            Row($"… ack p99 (at least {N(s.Askers)} / that rate, Little's law), ms", "ask.p99ms", "0.0", null, "", _ => null),
            PairRow("… acknowledged / in the database after kill -9", "ask.acked", "ask.stored", "0", "all", m => m.Get("OzgLive", "ask.lost") is double x ? x == 0 : null),
            Row($"votes, {N(s.Voters)} voters: acknowledged/s", "vote.perSecond", "0", null, "≥ 10,000", m => m.Get("OzgLive", "vote.perSecond") is double x ? x >= 10_000 : null),
            Row("… ack p99, ms", "vote.p99ms", "0.0", null, "", _ => null),
            Row("… counts converge (1 = yes)", "vote.converged", "0", null, "yes", m => m.Get("OzgLive", "vote.converged") is double x ? x == 1 : null),
            .. PollLines(s),
            Row($"approve → last of {N(s.Viewers)} viewers, p50, ms", "fanout.p50ms", "0.0", BaselineRatio("fanout.p50ms"), "", _ => null),
            Row($"approve → last of {N(s.Viewers)} viewers, p99, ms", "fanout.p99ms", "0.0", BaselineRatio("fanout.p99ms"), "≤ 1.1× baseline", m => AtMost(m, "fanout.p99ms", 1.1)),
            Row($"{N(s.Stalled)} of {N(s.StallViewers)} stop reading: others' p99 without them, ms", "stall.othersP99WithoutMs", "0.0", BaselineRatio("stall.othersP99WithoutMs"), "", _ => null),
            Row($"… of the {Target.FillChanges} changes of 160 KB that fill their buffers, reached the readers before the rounds with them", "stall.fillsDelivered", "0", null, "", _ => null),
            Row("… others' p99 with them, ms", "stall.othersP99WithMs", "0.0", BaselineRatio("stall.othersP99WithMs"),
                "≤ 1.1× without", m => Ratio(m, "stall.othersP99WithMs", "stall.othersP99WithoutMs") is double r ? r <= 1.1 : null),
            PairRow("… moderator's call, max without / with, ms", "stall.callMaxWithoutMs", "stall.callMaxWithMs", "0.0", "unaffected", _ => null),
            Row($"… the {Target.FillChanges} changes of 160 KB that fill their buffers, one call after the other, ms", "stall.fillerCallMs", "0", BaselineRatio("stall.fillerCallMs"), "", _ => null),
            Row("… a join during it, max, ms", "stall.joinMaxWithMs", "0.0", BaselineRatio("stall.joinMaxWithMs"), "unaffected", _ => null),
            Row($"{N(s.MaxViewers)} viewers held (1 = yes)", "max.held", "0", null, "held", m => m.Get("OzgLive", "max.held") is double x ? x == 1 : null),
            Row("… approve → last of them, ms", "max.fanoutMs", "0.0", BaselineRatio("max.fanoutMs"), "measured", _ => null),
        ];
    }

    private static List<Line> PollLines(BenchSettings s)
    {
        var window = s.PollDuration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        return
        [
            Row($"poll, {s.PollViewers.ToString("N0", CultureInfo.InvariantCulture)} viewers answer within {window} s: acknowledged/s", "poll.perSecond", "0", null, "", _ => null),
            Row("… ack p50, ms", "poll.p50ms", "0.0", null, "", _ => null),
            Row("… ack p99, ms", "poll.p99ms", "0.0", null, "", _ => null),
            Row("… results exact (every answer, each option's true count; 1 = yes)", "poll.exact", "0", null, "yes", m => m.Get("OzgLive", "poll.exact") is double x ? x == 1 : null),
            Row("… results exact after the start, s", "poll.countedSeconds", "0.00", null, $"≤ {window} + 1", m => m.Get("OzgLive", "poll.countedSeconds") is double x ? x <= s.PollDuration.TotalSeconds + 1 : null),
            Row("… results messages to one viewer, in all", "poll.broadcasts", "0", null, "< answers", m => m.Get("OzgLive", "poll.broadcasts") is double x ? x < s.PollViewers : null),
            Row("… results messages per second, mean", "poll.updatesPerSecond", "0.0", null, "", _ => null),
            Row("… results messages in the busiest second", "poll.maxUpdatesInASecond", "0", null, "≤ 4 (one per 250 ms)", m => m.Get("OzgLive", "poll.maxUpdatesInASecond") is double x ? x <= 4 : null),
        ];
    }

    /// <summary>The poll scenario alone (<c>--only polls</c>): its own table, between its own markers.</summary>
    public static string RenderPolls(Measurements m, BenchSettings s, MachineInfo before, MachineInfo after)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Run of {before.Date:yyyy-MM-dd HH:mm} UTC; machine: {before.Cores} cores, {before.MemoryGiB:0} GiB, load average {before.LoadAverage} at the start and {after.LoadAverage} at the end (other work on the machine included; the load client runs on the same cores)."));
        text.AppendLine();
        text.AppendLine("```bash");
        text.AppendLine(s.Command);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("| figure | OzgLive | budget | met |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var line in PollLines(s))
        {
            var met = line.Met(m) switch { true => "yes", false => "**no**", null => "–" };
            text.AppendLine($"| {line.Figure} | {line.Show(m, "OzgLive")} | {line.Budget} | {met} |");
        }

        text.AppendLine();
        text.AppendLine("Checks (correctness, not timing): " + string.Join("; ", m.Checks.Select(c => $"{c.Scenario} {(c.Passed ? "passed" : "FAILED")} ({c.Detail})")) + ".");
        return text.ToString();
    }

    public const string PollsBegin = "<!-- poll-bench:begin (written by tests/bench/run-load.sh --only polls; edit the text around it, not inside) -->";
    public const string PollsEnd = "<!-- poll-bench:end -->";

    private static Line Row(string figure, string key, string format, Func<Measurements, string>? ratio, string budget, Func<Measurements, bool?> met) =>
        new(figure, (m, server) => Show(m.Get(server, key), format), ratio, budget, met);

    /// <summary>A row that shows two figures of each server as "first / second".</summary>
    private static Line PairRow(string figure, string firstKey, string secondKey, string format, string budget, Func<Measurements, bool?> met) =>
        new(figure, (m, server) => Show(m.Get(server, firstKey), format) + " / " + Show(m.Get(server, secondKey), format), null, budget, met);

    private static Func<Measurements, string> BaselineRatio(string key) => m => Ratio(m.Get("OzgLive", key), m.Get("baseline", key));

    private static double? Ratio(Measurements m, string key, string of) =>
        m.Get("OzgLive", key) is double a && m.Get("OzgLive", of) is double b && b > 0 ? a / b : null;

    private static bool? AtMost(Measurements m, string key, double factor) =>
        m.Get("OzgLive", key) is double a && m.Get("baseline", key) is double b ? a <= factor * b : null;

    private static string Ratio(double? a, double? b) => a is double x && b is double y && y > 0 ? Invariant($"{x / y:0.00}×") : "–";

    private static string Show(double? value, string format) => value is double v ? v.ToString(format == "0" ? "N0" : format, CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Cores, memory, load average and date, read from /proc at the start and the end of a run.</summary>
public sealed record MachineInfo(DateTime Date, int Cores, double MemoryGiB, string LoadAverage)
{
    public static MachineInfo Read()
    {
        var load = string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        var memKb = double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new MachineInfo(DateTime.UtcNow, Environment.ProcessorCount, memKb / 1024 / 1024, load);
    }
}

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of the values (p in 0..1).</summary>
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
