using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OzgLive.Web.Security;

namespace OzgLive.Web.Live;

/// <summary>Settings under "Live" that keep idle and excess hub connections from piling up (README, docs/security.md).</summary>
public sealed class LiveConnectionOptions
{
    /// <summary>How often the server pings each client; the official clients answer with their own pings.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A connection from which nothing at all arrived for this long (not even a ping) is closed. Twice
    /// the clients' default ping interval of 15 s, as SignalR recommends.
    /// </summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A WebSocket that does not complete SignalR's handshake within this is closed.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Open hub connections per client address. Generous: a town hall's staff may share one address
    /// behind their office's NAT, each phone and laptop with a tab open. What it stops is one machine
    /// opening thousands. 0 switches the cap off.
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 500;
}

/// <summary>
/// WebSocket hygiene for the hub (ASVS 13.x resource limits, 4.4 WebSocket): SignalR's keep-alive,
/// client timeout and handshake timeout from <see cref="LiveConnectionOptions"/>, a watchdog for
/// sockets that never ping (<see cref="IdleSocketWatch"/>), and a cap on open connections per address. Kestrel's own limits (request headers timeout, minimum data rates,
/// keep-alive timeout) stay at their defaults and can be set under "Kestrel:Limits".
/// </summary>
public static class ConnectionHygiene
{
    public static IHostApplicationBuilder AddConnectionHygiene(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveConnectionOptions>()
            .BindConfiguration("Live")
            .Validate(o => o.ClientTimeout > o.KeepAliveInterval, "Live:ClientTimeout must be longer than Live:KeepAliveInterval.")
            .Validate(o => o.MaxConnectionsPerAddress >= 0, "Live:MaxConnectionsPerAddress must not be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<HubOptions>().Configure<IOptions<LiveConnectionOptions>>((hub, live) =>
        {
            hub.KeepAliveInterval = live.Value.KeepAliveInterval;
            hub.ClientTimeoutInterval = live.Value.ClientTimeout;
            hub.HandshakeTimeout = live.Value.HandshakeTimeout;
        });
        builder.Services.AddSingleton<OpenConnectionsPerAddress>();
        builder.Services.AddSingleton<IdleSocketWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdleSocketWatch>());
        return builder;
    }

    /// <summary>After UseForwardedHeaders, so that viewers behind the proxy count by their own address.</summary>
    public static IApplicationBuilder UseHubConnectionLimit(this IApplicationBuilder app) =>
        app.UseWhen(
            context => LiveHub.IsHubRequest(context) && !context.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal),
            hub => hub.UseWebSockets().Use(async (context, next) =>
            {
                // UseWebSockets here, not only inside MapHub's own pipeline: IdleSocketWatch must see
                // the WebSocket feature to watch the socket SignalR accepts (MapHub's inner
                // UseWebSockets keeps a feature that is already there).
                var counter = context.RequestServices.GetRequiredService<OpenConnectionsPerAddress>();
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (!counter.TryOpen(address, out var open))
                {
                    SecurityLog.TooManyConnections(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category), address, open);
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    await context.Response.WriteAsync("Zu viele offene Verbindungen von dieser Adresse.");
                    return;
                }

                // A WebSocket (or server-sent events) request lasts as long as its connection.
                var watch = context.RequestServices.GetRequiredService<IdleSocketWatch>();
                var watched = watch.Watch(context);
                try
                {
                    await next(context);
                }
                finally
                {
                    watch.Forget(watched);
                    counter.Close(address);
                }
            }));
}

/// <summary>Counts the hub's open transport requests per client address.</summary>
public sealed class OpenConnectionsPerAddress(IOptions<LiveConnectionOptions> options)
{
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public bool TryOpen(string address, out int current)
    {
        var max = options.Value.MaxConnectionsPerAddress;
        lock (gate)
        {
            current = open.GetValueOrDefault(address);
            if (max > 0 && current >= max)
            {
                return false;
            }

            open[address] = current + 1;
            return true;
        }
    }

    public void Close(string address)
    {
        lock (gate)
        {
            var left = open.GetValueOrDefault(address) - 1;
            if (left <= 0)
            {
                open.TryRemove(address, out _);
            }
            else
            {
                open[address] = left;
            }
        }
    }
}
