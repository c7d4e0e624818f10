using System.Net;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace OzgLive.Web.Metrics;

/// <summary>
/// The extra Kestrel listener that alone serves /metrics (<see cref="MetricsOptions.Url"/>), and which
/// connections it accepts (<see cref="MetricsOptions.AllowedAddresses"/>).
/// </summary>
internal sealed class MetricsListener(IOptions<MetricsOptions> options) : IStartupFilter
{
    /// <summary>
    /// Adds the listener to the addresses Kestrel binds. Kestrel serves either the hosting URLs
    /// (ASPNETCORE_URLS, --urls, ASPNETCORE_HTTP_PORTS) or endpoints set in code, never both; a startup
    /// filter runs after the host has filled in those URLs and before Kestrel binds them.
    /// </summary>
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.Enabled && app.ServerFeatures.Get<IServerAddressesFeature>() is { Addresses.IsReadOnly: false } server)
        {
            if (server.Addresses.Count == 0)
            {
                // Nothing configured: what Kestrel would bind on its own, which one more address would replace.
                server.Addresses.Add("http://localhost:5000");
            }

            server.Addresses.Add(options.Value.Url);
        }

        next(app);
    };

    /// <summary>
    /// On the metrics port, closes every connection whose TCP peer is not allowed before it can send
    /// a request. The socket's address, not the request's: the forwarded-headers middleware replaces
    /// the request's with X-Forwarded-For, which a client on this machine could set to anything.
    /// </summary>
    public static void FilterConnections(KestrelServerOptions kestrel, MetricsOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        var allowed = options.AllowedNetworks();
        kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (listen.IPEndPoint?.Port != options.Port)
            {
                return;
            }

            listen.Use(next => connection =>
                connection.RemoteEndPoint is IPEndPoint peer && allowed.Any(network => network.Contains(Plain(peer.Address)))
                    ? next(connection)
                    : Task.CompletedTask);
        });
    }

    /// <summary>An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d; the allowlist names it a.b.c.d.</summary>
    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
