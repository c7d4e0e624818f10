using System.Net;

namespace OzgLive.Tests.Organisers;

public sealed class BlockFormTests
{
    [Fact]
    public async Task A_block_with_speakers_appears_on_the_public_page_with_Berlin_times_and_empty_rows_are_ignored()
    {
        await using var site = await OrganiserSite.StartAsync(seedDemo: false);
        var ev = await site.CreateEventAsync("oeffentlich", blocks: 1);

        var form = await site.GetAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu");
        Assert.Equal("30", FormAssert.Value(form, "block-PlannedMinutes"));
        var minutes = form.GetElementById("block-PlannedMinutes")!;
        Assert.Equal(("number", "5", "120"), (minutes.GetAttribute("type"), minutes.GetAttribute("min"), minutes.GetAttribute("max")));
        Assert.Equal(4, form.QuerySelectorAll("fieldset.speaker-row").Length);

        var (location, eventPage) = await site.SubmitAndFollowAsync(
            $"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block",
            Fields.Block(
                "Förderprogramme für Kommunen", "45", "https://www.youtube.com/shorts/dQw4w9WgXcQ",
                ("Heiko Merz", "Referent", "HMWEVW"), ("", "", ""), ("Mirco Sander", "", "Hessisches Ministerium des Innern")),
            $"/organisation/veranstaltungen/{ev.Id}");

        Assert.Equal($"/organisation/veranstaltungen/{ev.Id}?hinweis=block-gespeichert#agenda", location);
        Assert.Equal("Der Block wurde gespeichert.", FormAssert.Notice(eventPage));
        var stored = (await site.EventAsync("oeffentlich"))!.Blocks[1];
        Assert.Equal((2, 45, "dQw4w9WgXcQ"), (stored.Number, stored.PlannedMinutes, stored.VideoId));
        Assert.Equal(["Heiko Merz", "Mirco Sander"], stored.Speakers.Select(s => s.Name));

        // The agenda on the edit page shows planned times in Berlin: block 1 10:00–10:30, block 2 10:30–11:15.
        var agenda = eventPage.QuerySelectorAll("#agenda .agenda-list li").Select(li => li.QuerySelector(".block-time")!.TextContent).ToList();
        Assert.Equal(["10:00–10:30 Uhr · 30 Min.", "10:30–11:15 Uhr · 45 Min."], agenda);

        var publicPage = OrganiserSite.Parse(await site.App.CreateClient().GetStringAsync("/events/oeffentlich"));
        var block = publicPage.QuerySelector("li[data-block='2']")!;
        Assert.Contains("Block 2: Förderprogramme für Kommunen", block.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("10:30–11:15 Uhr", string.Join(" ", block.QuerySelector(".block-time")!.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Take(2)));
        Assert.Equal(
            ["Heiko Merz, Referent, HMWEVW", "Mirco Sander, Hessisches Ministerium des Innern"],
            block.QuerySelectorAll(".speakers li").Select(li => li.TextContent.Trim()));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("121")]
    [InlineData("")]
    [InlineData("dreißig")]
    public async Task Planned_minutes_outside_5_to_120_are_refused_next_to_the_minutes_field(string minutes)
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block", Fields.Block(minutes: minutes));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "block-PlannedMinutes", "Die geplante Dauer muss zwischen 5 und 120 Minuten liegen.");
        FormAssert.NoFieldError(result.Document, "block-Title");
        Assert.Equal(minutes, FormAssert.Value(result.Document, "block-PlannedMinutes"));
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task The_planned_minutes_limits_themselves_are_accepted()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("grenzen", blocks: 0);

        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block", Fields.Block("Kurz", "5"), "/organisation/veranstaltungen/");
        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block", Fields.Block("Lang", "120"), "/organisation/veranstaltungen/");

        Assert.Equal([5, 120], (await site.EventAsync("grenzen"))!.Blocks.Select(b => b.PlannedMinutes));
    }

    [Fact]
    public async Task A_block_without_title_is_refused_next_to_the_title()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block", Fields.Block(title: ""));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "block-Title", "Bitte einen Titel angeben.");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_speaker_name_of_one_character_is_refused_on_that_speakers_name_field_only()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync(
            $"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block",
            Fields.Block(speakers: [("Heiko Merz", "Referent", "HMWEVW"), ("M", "Referentin", "HMdIS")]));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "block-Speakers-1-Name", "Der Name muss mindestens 2 Zeichen lang sein.");
        FormAssert.NoFieldError(result.Document, "block-Speakers-0-Name");
        FormAssert.NoFieldError(result.Document, "block-Speakers-1-Role");
        Assert.Equal("Referentin", FormAssert.Value(result.Document, "block-Speakers-1-Role"));
        Assert.Equal("Person 2", result.Document.GetElementById("block-Speakers-1-Name")!.Closest("fieldset")!.QuerySelector("legend")!.TextContent);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_speaker_row_with_a_role_but_no_name_asks_for_the_name()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block", Fields.Block(speakers: [("", "", ""), ("", "", "HMdIS")]));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "block-Speakers-1-Name", "Bitte einen Namen angeben.");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_bad_block_video_is_refused_naming_the_video_field()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block", Fields.Block(video: "https://youtube.com/playlist?list=PL123"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "block-Video", "Video: Bitte eine YouTube-Adresse (watch, youtu.be, live, embed, shorts) oder eine 11-stellige Video-ID angeben.");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task Editing_a_block_shows_its_speakers_and_saving_replaces_them()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var block = ev.Blocks[1];

        var form = await site.GetAsync($"/organisation/bloecke/{block.Id}");
        Assert.Equal("Block 2 bearbeiten", form.QuerySelector("h1")!.TextContent);
        Assert.Equal(block.Title, FormAssert.Value(form, "block-Title"));
        Assert.Equal(block.Speakers[0].Name, FormAssert.Value(form, "block-Speakers-0-Name"));

        await site.SubmitAndFollowAsync(
            $"/organisation/bloecke/{block.Id}", "block",
            Fields.Block(block.Title, "25", "", ("Petra Neu", "Leiterin", "Landkreis Kassel")),
            $"/organisation/veranstaltungen/{ev.Id}");

        var stored = (await site.DemoEventAsync()).Blocks[1];
        Assert.Equal(25, stored.PlannedMinutes);
        Assert.Equal([new OzgLive.Web.Events.Speaker("Petra Neu", "Leiterin", "Landkreis Kassel")], stored.Speakers);
    }

    [Fact]
    public async Task Adding_a_block_to_an_ended_event_is_refused_with_a_message_and_stores_nothing()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("vorbei", blocks: 1);
        var clock = site.App.Get<OzgLive.Web.Clock.ClockService>();
        await clock.ExecuteAsync(ev.Id, OzgLive.Web.Clock.ClockCommandKind.StartEvent, null, null, "test");
        await clock.ExecuteAsync(ev.Id, OzgLive.Web.Clock.ClockCommandKind.EndEvent, null, null, "test");
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}/bloecke/neu", "block", Fields.Block());

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Contains("Einer beendeten Veranstaltung können keine Blöcke mehr hinzugefügt werden.", FormAssert.Alerts(result.Document.Body!), StringComparison.Ordinal);
        Assert.Equal(before, await site.SnapshotAsync());
    }
}
