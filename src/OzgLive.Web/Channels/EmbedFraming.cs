namespace OzgLive.Web.Channels;

/// <summary>
/// The embed (/embed/{slug}) may be framed by the event's partner sites only: its response carries
/// its own <c>Content-Security-Policy: frame-ancestors …</c> from the event's list ('none' without
/// one). Set before the page renders, so the site-wide headers, which leave a response with a
/// frame-ancestors policy alone, cannot replace it. Opened directly, the embed works for anyone.
/// </summary>
public sealed class EmbedFraming(RequestDelegate next, PartnerOrigins partners)
{
    public const string PathPrefix = "/embed/";

    // Not async for other requests: the hub's WebSocket requests pass through here and would keep a
    // state machine alive for each connection's whole life.
    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/embed", StringComparison.Ordinal, out var rest)
            && rest.Value is { Length: > 1 } slugPath && slugPath.IndexOf('/', 1) < 0
            ? FrameAsync(context, Uri.UnescapeDataString(slugPath[1..]))
            : next(context);

    private async Task FrameAsync(HttpContext context, string slug)
    {
        var origins = await partners.ListBySlugAsync(slug);
        context.Response.Headers.ContentSecurityPolicy = PartnerOrigins.FrameAncestors(origins);
        await next(context);
    }
}
