using Microsoft.AspNetCore.SignalR;
using System.Text.Json;
using System.Text.Json.Serialization;
using OzgLive.Web.Clock;

namespace OzgLive.Web.Live;

public static class LiveExtensions
{
    /// <summary>Largest hub message a client may send; questions and commands are far smaller.</summary>
    public const int MaxMessageBytes = 32 * 1024;

    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventLocks>();
        builder.Services.AddSingleton<EventChanges>();
        builder.Services.AddSingleton<SnapshotReader>();
        builder.Services.AddSingleton<PresenterKeys>();
        builder.Services.AddSingleton<EventAccess>();
        builder.Services.AddSingleton<ClockService>();
        builder.Services.AddSingleton<ClockTicker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClockTicker>());
        builder.Services.AddOptions<ClockOptions>().BindConfiguration("Clock");
        builder.Services.AddOptions<SiteOptions>().BindConfiguration("Site");

        builder.Services
            .AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = MaxMessageBytes;
                options.MaximumParallelInvocationsPerClient = 1;
                options.EnableDetailedErrors = false;
                options.AddFilter<LiveHubFilter>();
            })
            .AddJsonProtocol(options =>
                options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(LiveHub.Path, options =>
        {
            // A client that lost its connection for a moment gets the messages it missed replayed
            // instead of having to resynchronise (JavaScript client: withStatefulReconnect()).
            options.AllowStatefulReconnects = true;
        });
        return app;
    }
}
