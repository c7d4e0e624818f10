using OzgLive.Web.Events;

namespace OzgLive.Web.Channels;

/// <summary>Issue 12's channels: join codes and QR, the stream overlay, partner embeds.</summary>
public static class ChannelsExtensions
{
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JoinCodes>();
        builder.Services.AddSingleton<OverlayKeys>();
        builder.Services.AddSingleton<OverlaySwitches>();
        builder.Services.AddSingleton<PartnerOrigins>();
        return builder;
    }

    /// <summary>The embed's framing policy; before the pages, so it is set whatever renders them.</summary>
    public static IApplicationBuilder UseEmbedFraming(this IApplicationBuilder app) => app.UseMiddleware<EmbedFraming>();

    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        // The join link's QR code of a public event, for slides, print and the stream's title card.
        // ?download=1 saves it as a file.
        app.MapGet("/events/{slug}/join-qr.svg", async Task<IResult> (string slug, string? download, HttpContext context, EventStore events, JoinCodes codes) =>
        {
            var ev = await events.FindBySlugAsync(slug);
            if (ev is null || !ev.Status.IsPublic() || await codes.ForEventAsync(ev.Id) is not string code)
            {
                return TypedResults.NotFound();
            }

            var svg = System.Text.Encoding.UTF8.GetBytes(JoinQr.Svg(codes.JoinUrl(context.Request, code)));
            return TypedResults.File(svg, "image/svg+xml", download == "1" ? $"qr-{ev.Slug}.svg" : null);
        });
        return app;
    }
}
