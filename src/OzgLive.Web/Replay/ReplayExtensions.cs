using OzgLive.Web.Replay.Exports;
using OzgLive.Web.Replay.FollowUp;
using OzgLive.Web.Replay.Review;

namespace OzgLive.Web.Replay;

public static class ReplayExtensions
{
    public static IHostApplicationBuilder AddReplay(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TranscriptStore>();
        builder.Services.AddSingleton<ReplayReader>();
        builder.Services.AddSingleton<FollowReader>();
        builder.Services.AddSingleton<FollowUpAnswers>();
        builder.Services.AddSingleton<SpeakerKeys>();
        builder.Services.AddSingleton<ReplayListing>();
        builder.Services.AddSingleton<TranscriptReview>();
        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection("Retention"));
        builder.Services.AddSingleton<RetentionSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        return builder;
    }

    public static WebApplication MapReplay(this WebApplication app)
    {
        // Before the page endpoint runs: answers 304 and sets the cache headers of /events/{slug}/replay.
        app.UseReplayPageCaching();
        app.MapTranscriptExports();
        return app;
    }
}
