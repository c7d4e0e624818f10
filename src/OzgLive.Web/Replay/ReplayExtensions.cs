namespace OzgLive.Web.Replay;

public static class ReplayExtensions
{
    public static IHostApplicationBuilder AddReplay(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TranscriptStore>();
        builder.Services.AddSingleton<ReplayReader>();
        builder.Services.AddSingleton<FollowReader>();
        builder.Services.AddSingleton<FollowUpAnswers>();
        return builder;
    }

    public static WebApplication MapReplay(this WebApplication app)
    {
        return app;
    }
}
