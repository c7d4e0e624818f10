using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using OzgLive.Web.Events;
using OzgLive.Web.Replay;

namespace OzgLive.Web.Calendar;

/// <summary>
/// /events/{slug}/calendar.ics for one public event and /series/{slug}/calendar.ics as a feed of all the
/// series' public events. Past events are served too: a subscribed calendar keeps its history, and a
/// link to an .ics that worked yesterday should not break. Drafts and unknown addresses are 404.
/// </summary>
public static class CalendarExtensions
{
    public static IHostApplicationBuilder AddCalendar(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CalendarStore>();
        return builder;
    }

    public static WebApplication MapCalendar(this WebApplication app)
    {
        app.MapGet("/events/{slug}/calendar.ics", async (
            string slug, HttpContext context, EventStore events, CalendarStore store, TimeProvider time, IStringLocalizer<CalendarTexts> t) =>
        {
            var ev = await events.FindBySlugAsync(slug);
            if (ev is null || !ev.Status.IsPublic())
            {
                return Results.NotFound();
            }

            var modified = await store.LastModifiedAsync([ev.Id]);
            var text = CalendarFile.Write([new CalendarEntry(ev, modified[ev.Id])], CalendarContext.From(context, time.GetUtcNow()), t);
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(ev.Slug + ".ics");
            context.Response.Headers.ContentDisposition = disposition.ToString();
            return Calendar(context, text);
        });

        app.MapGet("/series/{slug}/calendar.ics", async (
            string slug, HttpContext context, ReplayListing listing, EventStore events, CalendarStore store, TimeProvider time,
            IStringLocalizer<CalendarTexts> t) =>
        {
            var series = await listing.FindSeriesAsync(slug);
            if (series is null)
            {
                return Results.NotFound();
            }

            var summaries = await listing.PublicEventsAsync(series.Id);
            var modified = await store.LastModifiedAsync(summaries.Select(e => e.Id).ToList());
            var entries = new List<CalendarEntry>();
            foreach (var summary in summaries)
            {
                // Read one by one: a series has a handful of events a year, and this reuses the one event loader.
                if (await events.FindByIdAsync(summary.Id) is { } ev && ev.Status.IsPublic())
                {
                    entries.Add(new CalendarEntry(ev, modified[ev.Id]));
                }
            }

            return Calendar(context, CalendarFile.Write(entries, CalendarContext.From(context, time.GetUtcNow()), t, series.Title));
        });
        return app;
    }

    private static IResult Calendar(HttpContext context, string text)
    {
        // The language of the description may come from the cookie; calendars poll, so a short lifetime.
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.Vary = "Cookie";
        return Results.Text(text, CalendarFile.ContentType);
    }
}
