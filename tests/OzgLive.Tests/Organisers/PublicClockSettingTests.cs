namespace OzgLive.Tests.Organisers;

/// <summary>Issue 12: the public clock is the organiser's choice per event, off by default.</summary>
public sealed class PublicClockSettingTests
{
    [Fact]
    public async Task The_public_clock_is_off_for_a_new_event_and_the_organiser_switches_it_on_and_off_in_the_event_form()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        Assert.False(ev.PublicClock);
        var form = await site.GetAsync($"/organisation/veranstaltungen/{ev.Id}");
        Assert.False(form.GetElementById("event-PublicClock")!.HasAttribute("checked"));
        Assert.Equal("Öffentliche Uhr: Zuschauende sehen den laufenden Block und seine Restzeit", form.QuerySelector("label[for='event-PublicClock']")!.TextContent);

        var fields = Fields.Event(ev);
        fields["Input.PublicClock"] = "true";
        var (_, page) = await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}", "event", fields, $"/organisation/veranstaltungen/{ev.Id}");

        Assert.True(page.GetElementById("event-PublicClock")!.HasAttribute("checked"));
        Assert.True((await site.EventAsync(ev.Slug))!.PublicClock);
        var viewer = await site.GetAsync($"/events/{ev.Slug}");
        Assert.Equal("true", viewer.GetElementById("clock")!.GetAttribute("data-public-clock"));

        // An unticked box sends nothing: the clock is private again.
        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev), $"/organisation/veranstaltungen/{ev.Id}");
        Assert.False((await site.EventAsync(ev.Slug))!.PublicClock);
        Assert.Equal(1, await site.CountAsync("SELECT COUNT(*) FROM event_viewer_settings WHERE event_id = @id AND public_clock = 0", new { id = ev.Id }));
    }
}
