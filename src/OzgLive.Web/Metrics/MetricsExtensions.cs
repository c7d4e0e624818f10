using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace OzgLive.Web.Metrics;

/// <summary>
/// Operators' metrics in Prometheus' text format at /metrics, off unless <c>Metrics:Enabled</c>.
/// </summary>
/// <remarks>
/// Where it is served: on an extra listener of its own (<c>Metrics:Port</c>, bound to
/// <c>Metrics:Address</c>, 127.0.0.1 by default) that accepts connections only from
/// <c>Metrics:AllowedAddresses</c> (loopback by default); see <see cref="MetricsListener"/>. A
/// separate port rather than an address allowlist on the public port, because behind a reverse
/// proxy on the same machine every public request arrives from 127.0.0.1: an allowlist on the public
/// port would let the whole internet in, while a proxy forwards only the port it is configured for.
/// The port checked is the socket's own (<c>Connection.LocalPort</c>), not the Host header that
/// <c>RequireHost</c> would read and any client may set.
/// </remarks>
public static class MetricsExtensions
{
    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration("Metrics")
            .Validate(Valid, "Metrics: Port must be 1–65535, Address an IP address, AllowedAddresses IP addresses or networks (10.0.0.0/24).")
            .ValidateOnStart();
        // Always there: the services record into it whether or not anybody listens.
        builder.Services.AddSingleton<OzgLiveMetrics>();

        // ASP.NET Core's instrumentation enables the framework's own meters: hosting (requests),
        // Kestrel (connections), Http.Connections and SignalR (hub connections), routing, diagnostics,
        // authentication, authorization, components.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OzgLiveMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        // Whether it is on is read when the app starts, not here: tests and hosts may add configuration
        // after AddMetrics. Off, every instrument is dropped, so nothing is collected either.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, provider) =>
        {
            if (!services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
            {
                provider.AddView(_ => MetricStreamConfiguration.Drop);
            }
        });
        builder.Services.AddTransient<IStartupFilter, MetricsListener>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<MetricsOptions>>(
            (kestrel, metrics) => MetricsListener.FilterConnections(kestrel, metrics.Value));
        return builder;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        app.MapPrometheusScrapingEndpoint(MetricsOptions.Path, meterProvider: null, optionsName: null, configureBranchedPipeline: scrape => scrape.Use((context, next) =>
        {
            if (context.Connection.LocalPort == options.Port)
            {
                return next(context);
            }

            // The ordinary not-found page: nothing tells a stranger that metrics exist here.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
        return app;
    }

    private static bool Valid(MetricsOptions options)
    {
        try
        {
            _ = options.AllowedNetworks();
            return options.Port is > 0 and <= 65535 && IPAddress.TryParse(options.Address, out _);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
