namespace OzgLive.Web.ScaleOut;

/// <summary>
/// Several app nodes behind one address, sharing Redis (<c>Redis:Configuration</c>). Unset, nothing
/// here is registered and the node works alone, as it always has.
/// </summary>
public static class ScaleOutExtensions
{
    public static IHostApplicationBuilder AddScaleOut(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.Section)
            .Validate(o => o.GapWait > TimeSpan.Zero && o.HeartbeatInterval > TimeSpan.Zero, "Redis:GapWait and Redis:HeartbeatInterval must be positive.")
            .ValidateOnStart();
        if (!(builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>()?.Enabled ?? false))
        {
            return builder;
        }

        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddSingleton<ChangeSequencer>();
        builder.Services.AddSingleton<NodeChanges>();
        builder.Services.AddSingleton<NodeViewerCounts>();
        builder.Services.AddSingleton<SharedRateLimits>();
        builder.Services.AddSingleton<NodeRevocations>();
        // Replaces the single node's ScreenSwitches (registered by AddLive, before this).
        builder.Services.AddSingleton<NodeScreenSwitches>();
        builder.Services.AddSingleton<Live.ScreenSwitches>(services => services.GetRequiredService<NodeScreenSwitches>());
        return builder;
    }

    /// <summary>Connects to Redis and subscribes before the node serves; throws <see cref="ScaleOutUnavailableException"/> naming the setting.</summary>
    public static async Task ConnectScaleOutAsync(this WebApplication app)
    {
        if (app.Services.GetService<RedisConnection>() is not { } redis)
        {
            return;
        }

        await redis.ConnectAsync();
        await app.Services.GetRequiredService<NodeChanges>().StartAsync();
        await app.Services.GetRequiredService<NodeViewerCounts>().StartAsync();
        await app.Services.GetRequiredService<NodeRevocations>().StartAsync();
        await app.Services.GetRequiredService<NodeScreenSwitches>().StartAsync();
    }
}
