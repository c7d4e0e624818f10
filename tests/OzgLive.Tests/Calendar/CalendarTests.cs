using System.Net;
using System.Text;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Events;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Calendar;

/// <summary>
/// The .ics files read back as a calendar program reads them: lines checked for CRLF and their octet
/// length, unfolded, split into properties, texts unescaped; Berlin times checked on both sides of
/// the summer-time change.
/// </summary>
public sealed class CalendarTests : IAsyncLifetime
{
    /// <summary>Every character RFC 5545 makes us escape, umlauts, and enough length to be folded.</summary>
    private const string TrickyTitle = "Förderung, Fristen; Anträge \\ Rückfragen – Überblick für Ämter und Behörden in Hessen";

    private const string TrickyDescription =
        "Zeile eins mit Umlauten äöü ÄÖÜ ß und einem sehr langen Satz, damit die Zeile gefaltet werden muss; dazu ein Semikolon.\nZeile zwei.";

    private TestApp app = null!;
    private Series series = null!;

    public async ValueTask InitializeAsync()
    {
        app = await TestApp.StartAsync(seedDemo: false);
        var editor = app.Get<EventEditor>();
        var saved = await editor.SaveSeriesAsync(null, new SeriesInput { Title = "Spot on OZG, Reihe; Test", Slug = "kalender-reihe", Description = "Die Testreihe." });
        Assert.True(saved.Ok, string.Join("; ", saved.Errors.Values));
        series = (await app.Get<EventStore>().FindSeriesAsync(saved.Id))!;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_event_file_is_valid_iCalendar_with_a_Berlin_VTIMEZONE_and_folded_lines()
    {
        var summer = await CreateEventAsync("sommer", new DateTime(2026, 7, 15, 10, 0, 0), TrickyTitle, TrickyDescription);

        using var response = await app.CreateClient().GetAsync($"/events/{summer}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var ics = Ics.Parse(await response.Content.ReadAsByteArrayAsync());

        Assert.True(ics.FoldedLines > 0, "A line this long must have been folded.");
        Assert.Equal(("BEGIN", "VCALENDAR"), (ics.Lines[0].Name, ics.Lines[0].Value));
        Assert.Equal(("END", "VCALENDAR"), (ics.Lines[^1].Name, ics.Lines[^1].Value));
        Assert.Equal("2.0", ics.Calendar("VERSION"));
        Assert.Equal("GREGORIAN", ics.Calendar("CALSCALE"));
        Assert.Equal("PUBLISH", ics.Calendar("METHOD"));
        Assert.NotEmpty(ics.Calendar("PRODID"));

        var zone = Assert.Single(ics.Components("VTIMEZONE"));
        Assert.Equal("Europe/Berlin", zone.Single(l => l.Name == "TZID").Value);
        var names = zone.Select(l => $"{l.Name}:{l.Value}").ToList();
        Assert.Equal(
            ["BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT"],
            names.SkipWhile(n => n != "BEGIN:DAYLIGHT").TakeWhile(n => n != "BEGIN:STANDARD").Where(n => !n.StartsWith("TZNAME") && !n.StartsWith("DTSTART")));
        Assert.Equal(
            ["BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD"],
            names.SkipWhile(n => n != "BEGIN:STANDARD").TakeWhile(n => n != "END:VTIMEZONE").Where(n => !n.StartsWith("TZNAME") && !n.StartsWith("DTSTART")));

        var vevent = Assert.Single(ics.Components("VEVENT"));
        Assert.Equal(TrickyTitle, Ics.Unescape(vevent.Value("SUMMARY")));
        var description = Ics.Unescape(vevent.Value("DESCRIPTION"));
        Assert.StartsWith(TrickyDescription + "\n\n", description);
        Assert.Contains("10:00–10:30 Uhr: Block 1: Themenblock 1", description);
        Assert.Contains("Mit: Referentin 1 (Referatsleitung, Land Hessen)", description);
        var url = $"{app.BaseAddress.ToString().TrimEnd('/')}/events/{summer}";
        Assert.Equal(url, vevent.Value("URL"));
        Assert.Contains(url, description);
        Assert.Equal("CONFIRMED", vevent.Value("STATUS"));
        Assert.Matches(@"^\d+$", vevent.Value("SEQUENCE"));
        Assert.Matches(@"^\d{8}T\d{6}Z$", vevent.Value("DTSTAMP"));
        Assert.Matches(@"^\d{8}T\d{6}Z$", vevent.Value("LAST-MODIFIED"));
    }

    [Fact]
    public async Task Start_and_end_are_the_Berlin_wall_clock_times_in_summer_and_in_winter()
    {
        var summer = await CreateEventAsync("sommerzeit", new DateTime(2026, 7, 15, 10, 0, 0));
        var winter = await CreateEventAsync("winterzeit", new DateTime(2026, 12, 3, 14, 30, 0));

        foreach (var (slug, start, end) in new[] { (summer, "20260715T100000", "20260715T113000"), (winter, "20261203T143000", "20261203T160000") })
        {
            var vevent = Assert.Single((await GetAsync($"/events/{slug}/calendar.ics")).Components("VEVENT"));
            var dtstart = vevent.Single(l => l.Name == "DTSTART");
            Assert.Equal(("TZID=Europe/Berlin", start), (dtstart.Parameters, dtstart.Value));
            var dtend = vevent.Single(l => l.Name == "DTEND");
            Assert.Equal(("TZID=Europe/Berlin", end), (dtend.Parameters, dtend.Value));
        }

        // The same instants as the app stores them: 08:00 UTC in summer, 13:30 UTC in winter.
        var stored = await app.Get<EventStore>().FindBySlugAsync(winter);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 13, 30, 0, TimeSpan.Zero), stored!.ScheduledStart);
    }

    [Fact]
    public async Task The_UID_is_stable_across_requests_edits_and_the_series_feed()
    {
        var slug = await CreateEventAsync("stabil", new DateTime(2026, 9, 1, 10, 0, 0));
        var first = Assert.Single((await GetAsync($"/events/{slug}/calendar.ics")).Components("VEVENT"));
        var id = (await app.Get<EventStore>().FindBySlugAsync(slug))!.Id;

        await using (var connection = app.Get<Database>().Open())
        {
            await connection.ExecuteAsync("UPDATE events SET title = 'Neuer Titel', seq = seq + 1 WHERE id = @id", new { id });
        }

        app.Time.Advance(TimeSpan.FromMinutes(5));
        var second = Assert.Single((await GetAsync($"/events/{slug}/calendar.ics")).Components("VEVENT"));
        var inFeed = (await GetAsync($"/series/{series.Slug}/calendar.ics")).Components("VEVENT").Single(e => e.Value("SUMMARY") == "Neuer Titel");

        Assert.Equal($"event-{id}@127.0.0.1", first.Value("UID"));
        Assert.Equal(first.Value("UID"), second.Value("UID"));
        Assert.Equal(first.Value("UID"), inFeed.Value("UID"));
        Assert.True(int.Parse(second.Value("SEQUENCE")) > int.Parse(first.Value("SEQUENCE")), "An edit raises SEQUENCE.");
    }

    [Fact]
    public async Task The_series_feed_has_every_public_event_and_no_drafts()
    {
        var upcoming = await CreateEventAsync("feed-kommt", new DateTime(2026, 10, 6, 10, 0, 0));
        var live = await CreateEventAsync("feed-live", new DateTime(2026, 4, 2, 10, 0, 0));
        var past = await CreateEventAsync("feed-vorbei", new DateTime(2026, 2, 3, 10, 0, 0));
        var draft = await CreateEventAsync("feed-entwurf", new DateTime(2026, 11, 3, 10, 0, 0), status: "draft");
        await SetStatusAsync(live, "live");
        await SetStatusAsync(past, "published");

        using var response = await app.CreateClient().GetAsync($"/series/{series.Slug}/calendar.ics");
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var feed = Ics.Parse(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(series.Title, Ics.Unescape(feed.Calendar("X-WR-CALNAME")));
        Assert.Single(feed.Components("VTIMEZONE"));
        var urls = feed.Components("VEVENT").Select(e => e.Value("URL")).ToList();
        foreach (var slug in new[] { upcoming, live, past })
        {
            Assert.Contains(urls, u => u.EndsWith($"/events/{slug}", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(urls, u => u.EndsWith($"/events/{draft}", StringComparison.Ordinal));
        Assert.Equal(urls.Count, feed.Components("VEVENT").Select(e => e.Value("UID")).Distinct().Count());
    }

    [Fact]
    public async Task Drafts_unknown_events_and_unknown_series_have_no_calendar_file()
    {
        var draft = await CreateEventAsync("nur-entwurf", new DateTime(2026, 11, 3, 10, 0, 0), status: "draft");
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{draft}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events/gibt-es-nicht/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/series/gibt-es-nicht/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/series/gibt-es-nicht")).StatusCode);
    }

    [Fact]
    public async Task The_event_page_offers_the_calendar_file_while_the_event_is_upcoming()
    {
        var slug = await CreateEventAsync("agenda-link", new DateTime(2026, 10, 6, 10, 0, 0));
        var client = app.CreateClient();

        Assert.Contains($"<a href=\"/events/{slug}/calendar.ics\">In den Kalender eintragen (.ics)</a>", await client.GetStringAsync($"/events/{slug}"));

        await SetStatusAsync(slug, "ended");
        Assert.DoesNotContain("calendar.ics", await client.GetStringAsync($"/events/{slug}"));
    }

    [Fact]
    public async Task The_series_page_lists_upcoming_events_with_calendar_files_past_ones_with_replays_and_the_feed()
    {
        var upcoming = await CreateEventAsync("seite-kommt", new DateTime(2026, 10, 6, 10, 0, 0));
        var published = await CreateEventAsync("seite-veroeffentlicht", new DateTime(2026, 2, 3, 10, 0, 0));
        var ended = await CreateEventAsync("seite-beendet", new DateTime(2026, 1, 13, 10, 0, 0));
        var draft = await CreateEventAsync("seite-entwurf", new DateTime(2026, 11, 3, 10, 0, 0), status: "draft");
        await SetStatusAsync(published, "published", withTranscript: true);
        await SetStatusAsync(ended, "ended", withTranscript: true);

        var html = await app.CreateClient().GetStringAsync($"/series/{series.Slug}");

        Assert.Contains($"<h1>{WebUtility.HtmlEncode(series.Title)}</h1>", html);
        Assert.Contains($"href=\"/events/{upcoming}/calendar.ics\"", html);
        Assert.Contains($"href=\"/events/{published}/replay\"", html);
        // Ended but not yet reviewed and published: listed, without a replay link anyone could follow.
        Assert.Contains($"href=\"/events/{ended}\"", html);
        Assert.DoesNotContain($"href=\"/events/{ended}/replay\"", html);
        Assert.DoesNotContain(draft, html);
        Assert.Contains($"href=\"/series/{series.Slug}/calendar.ics\"", html);

        var home = await app.CreateClient().GetStringAsync("/");
        Assert.Contains($"<a href=\"/series/{series.Slug}\">", home);
        Assert.Contains($"href=\"/events/{published}/replay\"", home);
        Assert.DoesNotContain($"href=\"/events/{ended}/replay\"", home);
    }

    private async Task<Ics> GetAsync(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Ics.Parse(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<string> CreateEventAsync(string name, DateTime startBerlin, string? title = null, string? description = null, string status = "scheduled") =>
        (await app.CreateEventAsync(series.Id, name + "-", title ?? "Spot on OZG " + name, description ?? "", status, startBerlin: startBerlin)).Slug;

    /// <summary>Sets the status as the clock or the publishing review would; a transcript row where one is needed.</summary>
    private async Task SetStatusAsync(string slug, string status, bool withTranscript = false)
    {
        await using var connection = app.Get<Database>().Open();
        await connection.ExecuteAsync(
            "UPDATE events SET status = @status, published_utc = CASE WHEN @status = 'published' THEN @now END WHERE slug = @slug",
            new { status, slug, now = app.Time.GetUtcNow() });
        if (withTranscript)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO transcripts (event_id, frozen_utc, stream_started_utc, stream_ended_utc, received, not_reviewed, merged,
                    rejected_offtopic, rejected_duplicate, rejected_personaldata, rejected_abusive, rejected_other)
                SELECT id, @now, scheduled_start_utc, scheduled_start_utc, 0, 0, 0, 0, 0, 0, 0, 0 FROM events WHERE slug = @slug
                """,
                new { slug, now = app.Time.GetUtcNow() });
        }
    }
}

/// <summary>A parsed iCalendar file; <see cref="Parse"/> fails on anything a strict reader would refuse.</summary>
internal sealed class Ics
{
    public required IReadOnlyList<IcsLine> Lines { get; init; }

    public int FoldedLines { get; init; }

    public static Ics Parse(byte[] bytes)
    {
        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], "No BOM in a calendar file.");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text);
        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\r', line);
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Longer than 75 octets: {line}");
            // Had the writer split a character, decoding would have left a replacement character.
            Assert.DoesNotContain('\uFFFD', line);
        }

        var logical = new List<string>();
        var folded = 0;
        foreach (var line in physical)
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                logical[^1] += line[1..];
                folded++;
            }
            else
            {
                logical.Add(line);
            }
        }

        return new Ics { Lines = logical.Select(IcsLine.Parse).ToList(), FoldedLines = folded };
    }

    /// <summary>A property of the VCALENDAR itself (outside every component).</summary>
    public string Calendar(string name)
    {
        var depth = 0;
        foreach (var line in Lines)
        {
            if (line.Name == "BEGIN")
            {
                depth++;
            }
            else if (line.Name == "END")
            {
                depth--;
            }
            else if (depth == 1 && line.Name == name)
            {
                return line.Value;
            }
        }

        throw new InvalidOperationException($"No calendar property {name}.");
    }

    /// <summary>The lines of each component of this kind (between its BEGIN and END, nested ones included).</summary>
    public IReadOnlyList<IReadOnlyList<IcsLine>> Components(string kind)
    {
        var result = new List<IReadOnlyList<IcsLine>>();
        List<IcsLine>? current = null;
        foreach (var line in Lines)
        {
            if (current is null && line is { Name: "BEGIN" } && line.Value == kind)
            {
                current = [];
                continue;
            }

            if (current is not null && line is { Name: "END" } && line.Value == kind)
            {
                result.Add(current);
                current = null;
                continue;
            }

            current?.Add(line);
        }

        return result;
    }

    public static string Unescape(string value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                result.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                Assert.False(value[i] is ',' or ';', $"Unescaped '{value[i]}' in a text value: {value}");
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }
}

internal sealed record IcsLine(string Name, string Parameters, string Value)
{
    public static IcsLine Parse(string line)
    {
        var colon = line.IndexOf(':');
        Assert.True(colon > 0, $"Not a content line: {line}");
        var head = line[..colon];
        var semicolon = head.IndexOf(';');
        return semicolon < 0 ? new IcsLine(head, "", line[(colon + 1)..]) : new IcsLine(head[..semicolon], head[(semicolon + 1)..], line[(colon + 1)..]);
    }
}

internal static class IcsComponentExtensions
{
    public static string Value(this IReadOnlyList<IcsLine> component, string name) => component.Single(l => l.Name == name).Value;
}
