using System.Net;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Organisers;

public sealed class AgendaAndStatusTests
{
    private static Dictionary<string, string> Agenda(string command) => new() { ["Agenda.Command"] = command };

    [Fact]
    public async Task Moving_a_block_down_and_up_changes_the_agenda_order()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("reihenfolge");
        var first = ev.Blocks[0];
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        var (location, page) = await site.SubmitAndFollowAsync(path, "agenda", Agenda($"down:{first.Id}"), path);

        Assert.Equal($"{path}?hinweis=block-verschoben#agenda", location);
        Assert.Equal("Die Reihenfolge der Blöcke wurde geändert.", FormAssert.Notice(page));
        Assert.Equal(["Thema 2", "Thema 1", "Thema 3"], (await site.EventAsync("reihenfolge"))!.Blocks.Select(b => b.Title));
        Assert.Equal(
            ["Block 1: Thema 2", "Block 2: Thema 1", "Block 3: Thema 3"],
            page.QuerySelectorAll("#agenda .agenda-list a").Select(a => a.TextContent));

        await site.SubmitAndFollowAsync(path, "agenda", Agenda($"up:{first.Id}"), path);
        Assert.Equal(["Thema 1", "Thema 2", "Thema 3"], (await site.EventAsync("reihenfolge"))!.Blocks.Select(b => b.Title));
    }

    [Fact]
    public async Task Deleting_a_block_removes_it_and_renumbers_the_rest()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("loeschen");
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        var (_, page) = await site.SubmitAndFollowAsync(path, "agenda", Agenda($"delete:{ev.Blocks[1].Id}"), path);

        Assert.Equal("Der Block wurde gelöscht.", FormAssert.Notice(page));
        var blocks = (await site.EventAsync("loeschen"))!.Blocks;
        Assert.Equal([(1, "Thema 1"), (2, "Thema 3")], blocks.Select(b => (b.Number, b.Title)));
    }

    [Fact]
    public async Task Deleting_or_moving_blocks_after_the_start_is_refused_with_a_message_and_changes_nothing()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("gestartet");
        await site.App.Get<ClockService>().ExecuteAsync(ev.Id, ClockCommandKind.StartEvent, null, null, "test");
        var path = $"/organisation/veranstaltungen/{ev.Id}";
        var before = await site.SnapshotAsync();

        var deleted = await site.SubmitAsync(path, "agenda", Agenda($"delete:{ev.Blocks[0].Id}"));
        var moved = await site.SubmitAsync(path, "agenda", Agenda($"down:{ev.Blocks[0].Id}"));

        Assert.Equal(HttpStatusCode.Conflict, deleted.Status);
        Assert.Equal(
            "Blöcke einer laufenden oder beendeten Veranstaltung können nicht mehr gelöscht werden: Die Uhr bezieht sich auf ihre Nummern.",
            deleted.Document.GetElementById("agenda-error")!.TextContent);
        Assert.Equal("alert", deleted.Document.GetElementById("agenda-error")!.GetAttribute("role"));
        Assert.Equal(HttpStatusCode.Conflict, moved.Status);
        Assert.Equal("Die Reihenfolge einer laufenden oder beendeten Veranstaltung steht fest.", moved.Document.GetElementById("agenda-error")!.TextContent);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task An_agenda_command_for_a_block_of_another_event_is_refused()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("eins");
        var other = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "agenda", Agenda($"delete:{other.Blocks[0].Id}"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("Diesen Block gibt es in dieser Veranstaltung nicht (mehr). Bitte die Seite neu laden.", result.Document.GetElementById("agenda-error")!.TextContent);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Theory]
    [InlineData("live", "Der Status „Geplant“ kann nicht auf „Live“ gesetzt werden. „Live“ und „Beendet“ setzt die Uhr; veröffentlicht werden kann erst nach dem Ende.")]
    [InlineData("ended", "Der Status „Geplant“ kann nicht auf „Beendet“ gesetzt werden. „Live“ und „Beendet“ setzt die Uhr; veröffentlicht werden kann erst nach dem Ende.")]
    [InlineData("published", "Der Status „Geplant“ kann nicht auf „Veröffentlicht“ gesetzt werden. „Live“ und „Beendet“ setzt die Uhr; veröffentlicht werden kann erst nach dem Ende.")]
    public async Task A_planned_event_cannot_be_set_live_ended_or_published_by_the_form(string status, string message)
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var page = await site.GetAsync($"/organisation/veranstaltungen/{ev.Id}");
        Assert.Equal(["draft", "scheduled"], FormAssert.Options(page, "event-Status"));
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev, status: status));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "event-Status", message);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_new_event_cannot_start_out_live()
    {
        await using var site = await OrganiserSite.StartAsync();
        var seriesId = await site.CreateSeriesAsync();
        var before = await site.SnapshotAsync();

        var result = await site.SubmitAsync("/organisation/veranstaltungen/neu", "event", Fields.Event(seriesId, status: "live"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        FormAssert.FieldError(result.Document, "event-Status", "Eine neue Veranstaltung ist ein Entwurf oder geplant.");
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task After_the_end_the_form_keeps_the_status_and_publishing_goes_through_the_transcript_review()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("veroeffentlichen", blocks: 1);
        var clock = site.App.Get<ClockService>();
        await clock.ExecuteAsync(ev.Id, ClockCommandKind.StartEvent, null, null, "test");
        await clock.ExecuteAsync(ev.Id, ClockCommandKind.EndEvent, null, null, "test");
        ev = (await site.EventAsync("veroeffentlichen"))!;
        var page = await site.GetAsync($"/organisation/veranstaltungen/{ev.Id}");
        Assert.Equal(["ended"], FormAssert.Options(page, "event-Status"));
        Assert.Equal($"/organisation/veranstaltungen/{ev.Id}/transkript", page.GetElementById("review-link")!.GetAttribute("href"));
        var before = await site.SnapshotAsync();

        var refused = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev, status: "published"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        FormAssert.FieldError(refused.Document, "event-Status",
            "Veröffentlichen und Zurücknehmen geschieht nach der Datenschutz-Prüfung auf der Seite „Transkript prüfen und veröffentlichen“ dieser Veranstaltung.");
        Assert.Equal(before, await site.SnapshotAsync());

        // The replay video can still be set in the event form after the end.
        var fields = Fields.Event(ev);
        fields["Input.ReplayVideo"] = "https://www.youtube.com/live/dQw4w9WgXcQ?feature=share";
        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}", "event", fields, $"/organisation/veranstaltungen/{ev.Id}");
        var stored = (await site.EventAsync("veroeffentlichen"))!;
        Assert.Equal((OzgLive.Web.Events.EventStatus.Ended, "dQw4w9WgXcQ"), (stored.Status, stored.ReplayVideoId));
    }

    [Fact]
    public async Task A_live_event_keeps_its_status_in_the_form_and_its_details_can_still_be_edited()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.CreateEventAsync("laeuft");
        await site.App.Get<ClockService>().ExecuteAsync(ev.Id, ClockCommandKind.StartEvent, null, null, "test");
        ev = (await site.EventAsync("laeuft"))!;
        var page = await site.GetAsync($"/organisation/veranstaltungen/{ev.Id}");
        Assert.Equal(["live"], FormAssert.Options(page, "event-Status"));
        var before = await site.SnapshotAsync();

        var refused = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev, status: "scheduled"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        FormAssert.FieldError(refused.Document, "event-Status", "Die Veranstaltung läuft: Ihr Status ändert sich mit der Uhr (Veranstaltung beenden).");
        Assert.Equal(before, await site.SnapshotAsync());

        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev, title: "Neuer Titel während der Sendung"), $"/organisation/veranstaltungen/{ev.Id}");
        Assert.Equal("Neuer Titel während der Sendung", (await site.EventAsync("laeuft"))!.Title);
    }

    [Fact]
    public async Task Editing_an_event_while_a_viewer_is_joined_sends_EventUpdated_with_the_next_sequence_number()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        await using var viewer = await site.App.ConnectAsync();
        var snapshot = await viewer.InvokeAsync("JoinEvent", ev.Slug);
        var seq = snapshot.GetProperty("seq").GetInt64();

        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev, title: "Spot on OZG HE – neu betitelt"), $"/organisation/veranstaltungen/{ev.Id}");

        var update = await viewer.WaitForAsync(ServerMessages.EventUpdated);
        Assert.Equal(seq + 1, update.GetProperty("seq").GetInt64());
        Assert.Equal("Spot on OZG HE – neu betitelt", update.GetProperty("event").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_refused_edit_sends_nothing_to_viewers()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        await using var viewer = await site.App.ConnectAsync();
        var seq = (await viewer.InvokeAsync("JoinEvent", ev.Slug)).GetProperty("seq").GetInt64();

        var result = await site.SubmitAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev, title: "x"));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);

        // A barrier: an accepted edit afterwards. Updates go out in seq order, so anything the refused
        // edit had sent would have arrived before this one; the accepted edit is the only update.
        await site.SubmitAndFollowAsync($"/organisation/veranstaltungen/{ev.Id}", "event", Fields.Event(ev, title: "Spot on OZG HE – danach"), $"/organisation/veranstaltungen/{ev.Id}");
        var update = await viewer.WaitForAsync(ServerMessages.EventUpdated);
        Assert.Equal(seq + 1, update.GetProperty("seq").GetInt64());
        Assert.Equal("Spot on OZG HE – danach", update.GetProperty("event").GetProperty("title").GetString());
        Assert.Single(viewer.Received, m => m.Target == ServerMessages.EventUpdated);
    }
}
