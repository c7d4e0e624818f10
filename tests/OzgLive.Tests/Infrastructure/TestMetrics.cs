using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Metrics;

namespace OzgLive.Tests.Infrastructure;

/// <summary>Helpers for the operators' metrics: instruments for a service made by hand, a free port, reading Prometheus text.</summary>
public static partial class TestMetrics
{
    /// <summary>The app's instruments on a meter factory of their own, for a service a test builds itself.</summary>
    public static OzgLiveMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>A port nobody listens on now, for the metrics listener (which needs a fixed one).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// The value of the one sample <paramref name="name"/> whose labels include <paramref name="labels"/>
    /// (e.g. <c>ozglive_hub_connections{…,role="viewer"} 1</c>); null when there is none.
    /// </summary>
    public static double? Sample(string scrape, string name, params (string Label, string Value)[] labels)
    {
        var matches = new List<double>();
        foreach (var line in scrape.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var found = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            if (labels.All(l => found.TryGetValue(l.Label, out var value) && value == l.Value))
            {
                matches.Add(double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }

        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new InvalidOperationException($"{matches.Count} samples of {name} match {string.Join(", ", labels)}."),
        };
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
