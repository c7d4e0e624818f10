using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace OzgLive.Web.Replay;

/// <summary>
/// HTTP caching of the replay page, decided before the page renders: a published replay changes only
/// when its transcript (version), its settings or the event change, so a browser or proxy may keep it
/// for a minute and revalidate with an ETag (304 without rendering). Previews are never stored or indexed.
/// The model read here is handed to the page, so each request reads the replay once.
/// </summary>
public static partial class ReplayPageCaching
{
    /// <summary>The key in HttpContext.Items under which the page finds the model read here.</summary>
    public static readonly object ModelKey = new();

    // Not async for other requests: the hub's WebSocket requests pass through here and would keep a
    // state machine alive for each connection's whole life.
    public static IApplicationBuilder UseReplayPageCaching(this IApplicationBuilder app) => app.Use((context, next) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && ReplayPath().Match(context.Request.Path.Value ?? "") is { Success: true } match
            ? CacheAsync(context, next, match)
            : next(context));

    private static async Task CacheAsync(HttpContext context, RequestDelegate next, Match match)
    {
        var model = await context.RequestServices.GetRequiredService<ReplayReader>()
            .ReadAsync(Uri.UnescapeDataString(match.Groups[1].Value), context.User);
        if (model is null)
        {
            // The page answers with the app's not-found page.
            await next(context);
            return;
        }

        context.Items[ModelKey] = model;
        var headers = context.Response.Headers;
        if (model.Preview || context.User.Identity?.IsAuthenticated == true)
        {
            // A preview must not outlive the review; a signed-in visitor's page carries their name and a sign-out token.
            // Set again as the response starts: the sign-out form's antiforgery token writes its own "no-cache, no-store".
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
            if (model.Preview)
            {
                headers["X-Robots-Tag"] = "noindex";
            }

            await next(context);
            return;
        }

        var etag = ETag(model, context.Request.QueryString.Value ?? "", CultureInfo.CurrentUICulture.Name);
        headers.CacheControl = "public, max-age=60";
        headers.ETag = etag;
        // The language comes from a cookie (or ?lang=, which is part of the address anyway).
        headers.Vary = "Cookie";
        if (IsNotModified(context.Request, etag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Changes with everything a replay response shows: the transcript's version, the replay settings,
    /// the event (its seq), the language, and <paramref name="variant"/> (the page's query, an export's format).
    /// </summary>
    public static string ETag(ReplayModel model, string variant, string culture)
    {
        var s = model.Settings;
        var key = string.Join('|',
            model.Event.Id, model.Transcript.Version, model.Event.Seq, model.Event.Status,
            s.ReplayVideoId, s.OffsetSeconds, s.PublishedAt?.ToUnixTimeMilliseconds(), s.RetentionDays, s.NamesRemovedAt?.ToUnixTimeMilliseconds(),
            culture, variant,
            // Answers change no number; a poll's version and respondents change with what the page shows of it.
            string.Join(',', model.PublicPolls.Select(p => $"{p.Id}:{p.Version}:{p.Results?.Respondents}")));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
        return $"\"r{model.Event.Id}-{model.Transcript.Version}-{hash}\"";
    }

    /// <summary>Whether the request's If-None-Match already names <paramref name="etag"/> (weak comparison, or "*").</summary>
    public static bool IsNotModified(HttpRequest request, string etag) =>
        request.Headers.IfNoneMatch.Any(value => value is not null
            && (value.Trim() == "*" || EntityTagHeaderValue.ParseList(value.Split(',')).Any(t => t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false))));

    [GeneratedRegex("^/events/([^/]+)/replay/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplayPath();
}
