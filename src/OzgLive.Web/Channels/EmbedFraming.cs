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

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/embed", StringComparison.Ordinal, out var rest)
            && rest.Value is { Length: > 1 } slugPath && slugPath.IndexOf('/', 1) < 0)
        {
            var origins = await partners.ListBySlugAsync(Uri.UnescapeDataString(slugPath[1..]));
            context.Response.Headers.ContentSecurityPolicy = PartnerOrigins.FrameAncestors(origins);
        }

        await next(context);
    }
}
