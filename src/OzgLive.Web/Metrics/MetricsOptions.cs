using System.Net;
using System.Net.Sockets;

namespace OzgLive.Web.Metrics;

/// <summary>Configuration section "Metrics": the Prometheus scrape endpoint, off unless enabled.</summary>
public sealed class MetricsOptions
{
    public const string Path = "/metrics";

    /// <summary>Off by default: then /metrics is the ordinary 404 and nothing is collected.</summary>
    public bool Enabled { get; set; }

    /// <summary>The port of the app's extra listener that alone serves /metrics (9464: Prometheus' usual exporter port).</summary>
    public int Port { get; set; } = 9464;

    /// <summary>The address that listener binds to: only this machine by default.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Who may scrape, by the TCP connection's address or network ("10.0.0.5", "10.0.0.0/24"); empty: loopback only.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; set; } = [];

    /// <summary>The listener's URL, in Kestrel's form ("http://127.0.0.1:9464", "http://[::1]:9464").</summary>
    public string Url => $"http://{new IPEndPoint(IPAddress.Parse(Address), Port)}";

    /// <summary>The allowed networks: each entry as given (a single address is a network of one), or loopback.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks() =>
        AllowedAddresses.Count == 0
            ? [new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)]
            : AllowedAddresses.Select(Network).ToList();

    private static IPNetwork Network(string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.Parse(entry);
        }

        var address = IPAddress.Parse(entry);
        return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }
}
