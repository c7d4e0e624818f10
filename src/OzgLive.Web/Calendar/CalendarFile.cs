using System.Globalization;
using Microsoft.Extensions.Localization;
using OzgLive.Web.Events;

namespace OzgLive.Web.Calendar;

/// <summary>
/// Events as an iCalendar file (RFC 5545): one event or a whole series. Times are Berlin wall-clock times
/// with a VTIMEZONE, so a calendar shows 10:00 for a 10:00 broadcast on both sides of a DST change.
/// </summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Used when an event has no blocks yet: the usual length of a broadcast.</summary>
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(90);

    /// <param name="seriesName">Set for a series feed: the calendar's name in subscribing programs.</param>
    public static string Write(
        IEnumerable<CalendarEntry> entries, CalendarContext context, IStringLocalizer<CalendarTexts> t, string? seriesName = null)
    {
        var ics = new IcsWriter()
            .Raw("BEGIN", "VCALENDAR")
            .Raw("VERSION", "2.0")
            .Raw("PRODID", "-//OzgLive//OzgLive Veranstaltungen//DE")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH");
        if (seriesName is not null)
        {
            ics.Text("X-WR-CALNAME", seriesName)
                .Raw("X-WR-TIMEZONE", "Europe/Berlin")
                // How often a subscribing program should look for new dates.
                .Raw("REFRESH-INTERVAL;VALUE=DURATION", "PT12H")
                .Raw("X-PUBLISHED-TTL", "PT12H");
        }

        WriteBerlinZone(ics);
        foreach (var entry in entries)
        {
            WriteEvent(ics, entry, context, t);
        }

        ics.Raw("END", "VCALENDAR");
        return ics.ToString();
    }

    /// <summary>Europe/Berlin as the EU rules define it since 1996: summer time from the last Sunday of March 02:00
    /// to the last Sunday of October 03:00.</summary>
    private static void WriteBerlinZone(IcsWriter ics) => ics
        .Raw("BEGIN", "VTIMEZONE")
        .Raw("TZID", "Europe/Berlin")
        .Raw("X-LIC-LOCATION", "Europe/Berlin")
        .Raw("BEGIN", "DAYLIGHT")
        .Raw("TZOFFSETFROM", "+0100")
        .Raw("TZOFFSETTO", "+0200")
        .Raw("TZNAME", "CEST")
        .Raw("DTSTART", "19700329T020000")
        .Raw("RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        .Raw("END", "DAYLIGHT")
        .Raw("BEGIN", "STANDARD")
        .Raw("TZOFFSETFROM", "+0200")
        .Raw("TZOFFSETTO", "+0100")
        .Raw("TZNAME", "CET")
        .Raw("DTSTART", "19701025T030000")
        .Raw("RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        .Raw("END", "STANDARD")
        .Raw("END", "VTIMEZONE");

    private static void WriteEvent(IcsWriter ics, CalendarEntry entry, CalendarContext context, IStringLocalizer<CalendarTexts> t)
    {
        var ev = entry.Event;
        var duration = ev.Blocks.Count > 0 ? ev.PlannedDuration : DefaultDuration;
        var url = $"{context.BaseUrl}/events/{Uri.EscapeDataString(ev.Slug)}";
        ics.Raw("BEGIN", "VEVENT")
            // The id never changes with the title or the date, so an update replaces the entry instead of adding one.
            .Raw("UID", $"event-{ev.Id.ToString(CultureInfo.InvariantCulture)}@{context.Host}")
            .Utc("DTSTAMP", context.Now)
            .Raw("DTSTART;TZID=Europe/Berlin", IcsWriter.LocalValue(BerlinTime.ToBerlin(ev.ScheduledStart).DateTime))
            .Raw("DTEND;TZID=Europe/Berlin", IcsWriter.LocalValue(BerlinTime.ToBerlin(ev.ScheduledStart + duration).DateTime))
            .Text("SUMMARY", ev.Title)
            .Text("DESCRIPTION", Description(ev, url, t))
            .Text("LOCATION", t["Calendar_Location"])
            .Raw("URL;VALUE=URI", url)
            .Raw("STATUS", "CONFIRMED")
            // events.seq grows with every public change of the event, so it only ever increases, as SEQUENCE must.
            .Raw("SEQUENCE", ev.Seq.ToString(CultureInfo.InvariantCulture))
            .Utc("LAST-MODIFIED", entry.LastModified)
            .Raw("END", "VEVENT");
    }

    private static string Description(LiveEvent ev, string url, IStringLocalizer<CalendarTexts> t)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(ev.Description))
        {
            parts.Add(ev.Description.Trim());
        }

        if (ev.Blocks.Count > 0)
        {
            var lines = new List<string> { t["Calendar_Blocks"] + ":" };
            var start = ev.ScheduledStart;
            foreach (var block in ev.Blocks)
            {
                var end = start.AddMinutes(block.PlannedMinutes);
                lines.Add(t["Calendar_Block", BerlinTime.Time(start), BerlinTime.Time(end), block.Number, block.Title]);
                if (block.Speakers.Count > 0)
                {
                    lines.Add(t["Calendar_Speakers", string.Join("; ", block.Speakers.Select(Speaker))]);
                }

                start = end;
            }

            parts.Add(string.Join("\n", lines));
        }

        parts.Add(t["Calendar_Link", url]);
        return string.Join("\n\n", parts);
    }

    private static string Speaker(Speaker s)
    {
        var details = new[] { s.Role, s.Organisation }.Where(x => !string.IsNullOrWhiteSpace(x)).ToList();
        return details.Count == 0 ? s.Name : $"{s.Name} ({string.Join(", ", details)})";
    }
}

public sealed record CalendarEntry(LiveEvent Event, DateTimeOffset LastModified);

/// <param name="BaseUrl">The site's public address ("https://ozglive.example"; Security/SiteAddress.cs, never the Host header), for links.</param>
/// <param name="Host">The host name alone, for UIDs: without a port, so they stay the same behind any proxy setup.</param>
public sealed record CalendarContext(string BaseUrl, string Host, DateTimeOffset Now)
{
    public static CalendarContext From(HttpContext context, DateTimeOffset now)
    {
        var baseUrl = context.RequestServices.GetRequiredService<Security.SiteAddress>().Absolute(context.Request, "");
        return new(baseUrl, new Uri(baseUrl).Host, now);
    }
}
