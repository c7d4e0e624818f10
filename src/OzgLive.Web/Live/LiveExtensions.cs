using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        builder.Services.AddSingleton<EventBroadcasts>();
        builder.Services.AddSingleton<EventFeed>();
        builder.Services.AddSingleton<ScreenSwitches>();
        builder.Services.AddSingleton<ViewerConnections>();
        builder.Services.AddOptions<LiveSendOptions>()
            .BindConfiguration("Live")
            .Validate(o => o.MaxQueuedMessagesPerConnection > 0, "Live:MaxQueuedMessagesPerConnection must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<QuestionPageOptions>()
            .BindConfiguration("Live")
            .Validate(o => o.FirstPageQuestions > 0 && o.QuestionPageSize > 0, "Live:FirstPageQuestions and Live:QuestionPageSize must be positive.")
            .Validate(o => o.QuestionPagesPerConnectionPerMinute > 0 && o.QuestionPagesPerAddressPerMinute > 0, "Live:QuestionPagesPerConnectionPerMinute and Live:QuestionPagesPerAddressPerMinute must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SnapshotReader>();
        builder.Services.AddSingleton<QuestionPages>();
        builder.Services.AddSingleton<PresenterKeys>();
        builder.Services.AddSingleton<StaffConnections>();
        builder.Services.AddSingleton<SignedInConnections>();
        builder.Services.AddSingleton<OzgLive.Web.Accounts.ISessionEndObserver>(sp => sp.GetRequiredService<SignedInConnections>());
        builder.AddConnectionHygiene();
        builder.Services.AddSingleton<ViewerCounter>();
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
                // What the server keeps unacknowledged per stateful-reconnect client (about 90 clock
                // deltas, more than a whole event gives). Clients acknowledge every second; further
                // messages to one that does not wait in its own ConnectionOutbox, holding up nobody
                // else, and past Live:MaxQueuedMessagesPerConnection it is disconnected.
                options.StatefulReconnectBufferSize = 100_000;
                options.EnableDetailedErrors = false;
                options.AddFilter<LiveHubFilter>();
            })
            .AddJsonProtocol(options =>
                options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));

        // Refused calls are answers, not faults: SignalR would log each as an error with a stack trace.
        // LiveHubFilter logs real faults itself and refused role checks as security events.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);

        // Sends that never wait for a slow client; see LiveHubLifetimeManager.
        builder.Services.AddSingleton<HubLifetimeManager<LiveHub>, LiveHubLifetimeManager>();

        // The same JSON protocol (and options), with refusals the caller can read: see LiveHubProtocol.
        // Only SignalR's own JSON protocol is replaced: the staff screens' circuits (AddPages, called
        // before this) speak Blazor's protocol over the same SignalR.
        foreach (var json in builder.Services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol)).ToList())
        {
            builder.Services.Remove(json);
        }

        builder.Services.AddSingleton<IHubProtocol, LiveHubProtocol>();
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
