using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using OzgLive.Web.Channels;
using OzgLive.Web.Polls;

namespace OzgLive.Web.Replay.Exports;

/// <summary>
/// /events/{slug}/replay/transcript.md|.csv|.json and polls.csv: downloads of exactly what the replay page shows, to
/// exactly whom <see cref="ReplayReader"/> shows it (404 for everyone else, so an unpublished event
/// does not reveal that it exists).
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapTranscriptExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{slug}/replay/transcript.md", (string slug, HttpContext context, ReplayReader reader, IStringLocalizer<ExportTexts> t, IStringLocalizer<ChannelTexts> ct, IStringLocalizer<PollTexts> pt) =>
            ExportAsync(slug, context, reader, t["File_Name"], "md", "text/markdown; charset=utf-8",
                (doc, url) => Encoding.UTF8.GetBytes(WithPolls(
                    TranscriptExport.Markdown(doc, t, ct, url, CultureInfo.CurrentCulture),
                    PollExport.Markdown(doc.Model.PublicPolls, doc.Model.BlockTitles(), pt, CultureInfo.CurrentCulture)))));
        app.MapGet("/events/{slug}/replay/transcript.csv", (string slug, HttpContext context, ReplayReader reader, IStringLocalizer<ExportTexts> t, IStringLocalizer<ChannelTexts> ct) =>
            ExportAsync(slug, context, reader, t["File_Name"], "csv", "text/csv; charset=utf-8", (doc, _) => TranscriptExport.Csv(doc, t, ct)));
        app.MapGet("/events/{slug}/replay/transcript.json", (string slug, HttpContext context, ReplayReader reader, IStringLocalizer<ExportTexts> t) =>
            ExportAsync(slug, context, reader, t["File_Name"], "json", "application/json; charset=utf-8", TranscriptExport.JsonBytes));
        app.MapGet("/events/{slug}/replay/polls.csv", (string slug, HttpContext context, ReplayReader reader, IStringLocalizer<PollTexts> t) =>
            ExportAsync(slug, context, reader, t["File_Name"], "polls.csv", "text/csv; charset=utf-8",
                (doc, _) => PollExport.Csv(doc.Model.PublicPolls, doc.Model.BlockTitles(), TranscriptExport.IsoDate(doc.Model.Transcript.StreamStartedAt), t)));
        return app;
    }

    /// <summary>The transcript's Markdown with the "Umfragen" section after it, one blank line between, one newline at the end.</summary>
    private static string WithPolls(string transcript, string polls) =>
        polls.Length == 0 ? transcript : transcript + "\n" + polls.TrimEnd('\n') + "\n";

    /// <summary>The replay page's absolute address, from the configured site address (never the Host header).</summary>
    public static string ReplayUrl(HttpContext context, string slug) =>
        context.RequestServices.GetRequiredService<OzgLive.Web.Security.SiteAddress>()
            .Absolute(context.Request, $"/events/{Uri.EscapeDataString(slug)}/replay");

    /// <summary>
    /// Previews are for the event's staff only: nothing may keep them. Published transcripts change with
    /// follow-up answers, so caches must ask again each time; the ETag makes that cheap.
    /// </summary>
    public static bool SetCaching(HttpContext context, ReplayModel model, string variant)
    {
        var headers = context.Response.Headers;
        if (model.Preview)
        {
            headers.CacheControl = "private, no-store";
            return false;
        }

        // The texts (and the CSV header) follow the language, which may come from the cookie.
        headers.CacheControl = "public, no-cache";
        headers.Vary = "Cookie";
        var etag = ReplayPageCaching.ETag(model, variant, CultureInfo.CurrentUICulture.Name);
        headers.ETag = etag;
        return ReplayPageCaching.IsNotModified(context.Request, etag);
    }

    private static async Task<IResult> ExportAsync(
        string slug, HttpContext context, ReplayReader reader, string fileName, string extension, string contentType,
        Func<TranscriptDocument, string, byte[]> write)
    {
        var model = await reader.ReadAsync(slug, context.User);
        if (model is null)
        {
            return TypedResults.NotFound();
        }

        if (SetCaching(context, model, extension))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{model.Event.Slug}-{fileName}.{extension.Split('.')[^1]}");
        context.Response.Headers.ContentDisposition = disposition.ToString();
        var bytes = write(TranscriptDocument.From(model), ReplayUrl(context, model.Event.Slug));
        return TypedResults.Bytes(bytes, contentType);
    }
}
