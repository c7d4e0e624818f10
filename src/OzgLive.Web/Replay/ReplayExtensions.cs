namespace OzgLive.Web.Replay;

public static class ReplayExtensions
{
    public static IHostApplicationBuilder AddReplay(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TranscriptStore>();
        builder.Services.AddSingleton<ReplayReader>();
        return builder;
    }

    public static WebApplication MapReplay(this WebApplication app)
    {
        // Before the page endpoint runs: answers 304 and sets the cache headers of /events/{slug}/replay.
        app.UseReplayPageCaching();
        return app;
    }
}
