using System.Net;
using OzgLive.Web.Demo;

namespace OzgLive.Tests.Organisers;

public sealed class SeriesAndEventFormTests
{
    [Fact]
    public async Task Creating_a_series_redirects_to_its_edit_page_with_a_notice_and_a_slug_from_the_title()
    {
        await using var site = await OrganiserSite.StartAsync(seedDemo: false);

        var (location, page) = await site.SubmitAndFollowAsync(
            "/organisation/series/neu", "series",
            new() { ["Input.Title"] = "Digitale Verwaltung: Länderforum", ["Input.Slug"] = "", ["Input.Description"] = "Austausch der Länder." },
            "/organisation/series/");

        Assert.EndsWith("?gespeichert=1", location, StringComparison.Ordinal);
        Assert.Equal("Die Änderungen wurden gespeichert.", FormAssert.Notice(page));
        Assert.Equal("Digitale Verwaltung: Länderforum", FormAssert.Value(page, "series-Title"));
        Assert.Equal("digitale-verwaltung-laenderforum", FormAssert.Value(page, "series-Slug"));
        Assert.Equal(1, await site.CountAsync("SELECT COUNT(*) FROM series WHERE slug = 'digitale-verwaltung-laenderforum' AND description = 'Austausch der Länder.'"));
    }

    [Fact]
    public async Task A_series_without_title_shows_the_message_next_to_the_title_and_stores_nothing()
    {
        await using var site = await OrganiserSite.StartAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync("/organisation/series/neu", "series", new() { ["Input.Title"] = "  ", ["Input.Slug"] = "", ["Input.Description"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "series-Title", "Bitte einen Titel angeben.");
        FormAssert.NoFieldError(result.Document, "series-Description");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_series_with_a_taken_slug_is_refused_on_the_slug_field_and_keeps_what_was_typed()
    {
        await using var site = await OrganiserSite.StartAsync();
        var taken = (await site.DemoEventAsync()).SeriesId;
        var slug = (await site.App.Get<OzgLive.Web.Events.EventStore>().FindSeriesAsync(taken))!.Slug;
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync("/organisation/series/neu", "series", new() { ["Input.Title"] = "Zweite Reihe", ["Input.Slug"] = slug, ["Input.Description"] = "Neu" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "series-Slug", $"Die Kurzadresse „{slug}“ ist bereits vergeben.");
        Assert.Equal("Zweite Reihe", FormAssert.Value(result.Document, "series-Title"));
        Assert.Equal("Neu", FormAssert.Value(result.Document, "series-Description"));
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task Series_then_event_with_a_youtu_be_address_stores_the_video_id_and_the_start_in_UTC()
    {
        await using var site = await OrganiserSite.StartAsync(seedDemo: false);
        var (seriesLocation, _) = await site.SubmitAndFollowAsync(
            "/organisation/series/neu", "series", new() { ["Input.Title"] = "Spot on OZG", ["Input.Slug"] = "spot-on-ozg", ["Input.Description"] = "" }, "/organisation/series/");
        var seriesId = long.Parse(seriesLocation.Split('/', '?')[3], System.Globalization.CultureInfo.InvariantCulture);

        var (location, page) = await site.SubmitAndFollowAsync(
            $"/organisation/veranstaltungen/neu?reihe={seriesId}", "event",
            Fields.Event(seriesId, title: "Spot on OZG NRW", slug: "spot-on-ozg-nrw", start: "2026-06-10T10:00", liveVideo: "https://youtu.be/dQw4w9WgXcQ?si=abc", replayVideo: "https://www.youtube.com/watch?v=9bZkp7q19f0&t=42"),
            "/organisation/veranstaltungen/");

        Assert.EndsWith("?gespeichert=1", location, StringComparison.Ordinal);
        Assert.Equal("Die Änderungen wurden gespeichert.", FormAssert.Notice(page));
        var ev = await site.EventAsync("spot-on-ozg-nrw");
        Assert.NotNull(ev);
        Assert.Equal("dQw4w9WgXcQ", ev.LiveVideoId);
        Assert.Equal("9bZkp7q19f0", ev.ReplayVideoId);
        // 10:00 in Berlin in June is summer time (UTC+2).
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero), ev.ScheduledStart);
        Assert.Equal("2026-06-10T10:00", FormAssert.Value(page, "event-StartBerlin"));
        Assert.Equal("dQw4w9WgXcQ", FormAssert.Value(page, "event-LiveVideo"));
        Assert.Equal("Spot on OZG", page.QuerySelector("p.meta a")!.TextContent);
    }

    [Fact]
    public async Task The_new_event_form_preselects_the_series_from_the_link_and_offers_only_draft_or_scheduled()
    {
        await using var site = await OrganiserSite.StartAsync();
        var seriesId = await site.CreateSeriesAsync();

        var page = await site.GetAsync($"/organisation/veranstaltungen/neu?reihe={seriesId}");

        Assert.Equal(seriesId.ToString(System.Globalization.CultureInfo.InvariantCulture), FormAssert.Value(page, "event-SeriesId"));
        Assert.Equal(["draft", "scheduled"], FormAssert.Options(page, "event-Status"));
        Assert.Equal("datetime-local", page.GetElementById("event-StartBerlin")!.GetAttribute("type"));
        Assert.Null(page.GetElementById("live"));
    }

    [Fact]
    public async Task An_event_without_title_or_start_gets_both_messages_next_to_their_fields_in_form_order()
    {
        await using var site = await OrganiserSite.StartAsync();
        var seriesId = await site.CreateSeriesAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync("/organisation/veranstaltungen/neu", "event", Fields.Event(seriesId, title: "", start: ""));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "event-Title", "Bitte einen Titel angeben.");
        FormAssert.FieldError(result.Document, "event-StartBerlin", "Bitte Datum und Uhrzeit des Beginns angeben.");
        FormAssert.NoFieldError(result.Document, "event-ModeratorName");
        var summary = result.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#event-Title", "#event-StartBerlin"], summary);
        Assert.Equal("Dr. Anna Beispiel", FormAssert.Value(result.Document, "event-ModeratorName"));
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Theory]
    [InlineData("10.06.2026 10:00")]
    [InlineData("0001-01-01T00:00")]
    [InlineData("2026-13-45T99:99")]
    public async Task An_unreadable_or_far_off_start_is_a_message_on_the_start_field_and_the_server_keeps_running(string start)
    {
        await using var site = await OrganiserSite.StartAsync();
        var seriesId = await site.CreateSeriesAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync("/organisation/veranstaltungen/neu", "event", Fields.Event(seriesId, start: start));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        var message = result.Document.GetElementById("event-StartBerlin-error")?.TextContent ?? "";
        Assert.StartsWith("Bitte ", message, StringComparison.Ordinal);
        Assert.Contains("Beginn", message, StringComparison.Ordinal);
        FormAssert.FieldError(result.Document, "event-StartBerlin", message.Trim());
        Assert.Equal(before, await site.SnapshotAsync());
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync("/organisation")).StatusCode);
    }

    [Theory]
    [InlineData("https://vimeo.com/123456", "LiveVideo", "Live-Video")]
    [InlineData("https://www.youtube.com/watch?v=short", "LiveVideo", "Live-Video")]
    [InlineData("kein video", "ReplayVideo", "Aufzeichnung")]
    public async Task A_bad_YouTube_input_is_an_error_naming_the_field(string value, string field, string label)
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();
        var fields = Fields.Event(ev);
        fields["Input." + field] = value;

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "event", fields);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "event-" + field, $"{label}: Bitte eine YouTube-Adresse (watch, youtu.be, live, embed, shorts) oder eine 11-stellige Video-ID angeben.");
        Assert.Equal(value, FormAssert.Value(result.Document, "event-" + field));
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Theory]
    [InlineData("Groß Buchstaben")]
    [InlineData("ab")]
    [InlineData("doppel--strich")]
    public async Task A_bad_slug_is_refused_on_the_slug_field(string slug)
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();
        var fields = Fields.Event(ev);
        fields["Input.Slug"] = slug;

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "event", fields);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "event-Slug", "Die Kurzadresse darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten (3 bis 80 Zeichen).");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_duplicate_event_slug_is_refused_on_the_slug_field()
    {
        await using var site = await OrganiserSite.StartAsync();
        var seriesId = await site.CreateSeriesAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync("/organisation/veranstaltungen/neu", "event", Fields.Event(seriesId, slug: DemoContent.SpotOnOzgSlug));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "event-Slug", $"Die Kurzadresse „{DemoContent.SpotOnOzgSlug}“ ist bereits vergeben.");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task An_event_in_a_series_that_does_not_exist_is_refused_on_the_series_field()
    {
        await using var site = await OrganiserSite.StartAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync("/organisation/veranstaltungen/neu", "event", Fields.Event(98765));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "event-SeriesId", "Diese Reihe gibt es nicht (mehr).");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task The_edit_form_shows_the_stored_event_with_its_start_in_Berlin_time()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("winterzeit", blocks: 0);
        // December: Berlin is UTC+1.
        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev.SeriesId, ev.Title, ev.Slug, start: "2026-12-03T14:30"), "/organisation/veranstaltungen/");

        var page = await site.GetAsync($"/organisation/veranstaltungen/{ev.Id}");

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 13, 30, 0, TimeSpan.Zero), (await site.EventAsync("winterzeit"))!.ScheduledStart);
        Assert.Equal("2026-12-03T14:30", FormAssert.Value(page, "event-StartBerlin"));
        Assert.Equal(ev.Title, FormAssert.Value(page, "event-Title"));
        Assert.Equal("scheduled", FormAssert.Value(page, "event-Status"));
        Assert.Contains("Veranstaltung bearbeiten: " + ev.Title, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}
