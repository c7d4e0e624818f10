using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Accounts;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Organisers;

namespace OzgLive.ComponentTests.Coverage;

/// <summary>The organiser pages over a real SQLite file with the demo content, in their main states.</summary>
public sealed class OrganiserPagesTests : AppPageContext
{
    private readonly DefaultHttpContext request;

    public OrganiserPagesTests()
    {
        var organiser = CreateAccountAsync("orga@example.org", "Olga Organisation", AccountRoles.Organiser).GetAwaiter().GetResult();
        request = Request(organiser);
    }

    [Fact]
    public async Task The_overview_lists_each_series_with_its_events_newest_first()
    {
        var series = await Services.GetRequiredService<EventStore>().ListSeriesAsync();

        var page = Render<Overview>(p => p.AddCascadingValue(request));

        Assert.Equal("Organisation", page.Find("h1").TextContent);
        Assert.Equal("/organisation/series/neu", page.Find("a.button.primary").GetAttribute("href"));
        Assert.Equal("Neue Veranstaltung anlegen", page.Find("a.button[href='/organisation/veranstaltungen/neu']").TextContent);
        Assert.Equal(series.Select(s => s.Title).Order(), page.FindAll("section.series-card h2").Select(h => h.TextContent).Order());
        var demoRow = page.Find($"a[href='/events/{DemoContent.SpotOnOzgSlug}']").Closest("tr")!;
        Assert.Equal("Geplant", demoRow.QuerySelector(".badge")!.TextContent);
        Assert.Contains("badge-scheduled", demoRow.QuerySelector(".badge")!.ClassName);
        // The workshop series' four ended events, newest first.
        var ended = page.FindAll("tr[data-event-id]").Where(r => r.QuerySelector(".badge")!.TextContent == "Beendet").ToList();
        Assert.Equal(4, ended.Count);
        var starts = ended.Select(r => DateTimeOffset.Parse(r.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.OrderByDescending(s => s), starts);
        Assert.Equal("Veranstaltung hinzufügen zu " + series[0].Title,
            page.Find($"a[href='/organisation/veranstaltungen/neu?reihe={series[0].Id}']").TextContent);
    }

    [Fact]
    public void The_overview_in_English_names_its_columns_and_statuses_in_English()
    {
        UseLanguage("en-GB");

        var page = Render<Overview>(p => p.AddCascadingValue(request));

        Assert.Equal(["Event", "Start", "Status", "Public page"], page.Find("thead tr").Children.Select(c => c.TextContent).ToArray());
        Assert.Equal("Create a new series", page.Find("a.button.primary").TextContent);
        Assert.Contains(page.FindAll(".badge"), b => b.TextContent == "Scheduled");
        Assert.Contains(page.FindAll(".badge"), b => b.TextContent == "Ended");
    }

    [Fact]
    public void A_new_event_form_offers_the_series_and_starts_as_a_draft_without_the_event_sections()
    {
        var page = Render<EventEdit>(p => p.AddCascadingValue(request));

        Assert.Equal("Neue Veranstaltung", page.Find("h1").TextContent);
        var options = page.FindAll("#event-SeriesId option");
        Assert.Equal("– bitte wählen –", options[0].TextContent);
        Assert.Equal("", options[0].GetAttribute("value"));
        Assert.Equal(3, options.Count);
        Assert.Equal("draft", page.Find("#event-Status option[selected]").GetAttribute("value"));
        Assert.Equal("/organisation/veranstaltungen/neu", page.Find("#event-form").GetAttribute("action"));
        Assert.Empty(page.FindAll("#agenda, #moderation, #presenter, #live, #console-link"));
        Assert.Empty(page.FindAll(".error-summary"));
    }

    [Fact]
    public async Task A_new_event_from_a_series_link_has_that_series_chosen()
    {
        var series = (await Services.GetRequiredService<EventStore>().ListSeriesAsync())[1];
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/organisation/veranstaltungen/neu?reihe={series.Id}");

        var page = Render<EventEdit>(p => p.AddCascadingValue(request));

        Assert.Equal(series.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#event-SeriesId option[selected]").GetAttribute("value"));
        Assert.Equal(series.Title, page.Find("#event-SeriesId option[selected]").TextContent);
    }

    [Fact]
    public async Task Sending_an_empty_new_event_shows_each_message_next_to_its_field_and_refuses_with_400()
    {
        var page = Render<EventEdit>(p => p.AddCascadingValue(request));

        await page.Find("#event-form").SubmitAsync();

        Assert.Equal(StatusCodes.Status400BadRequest, request.Response.StatusCode);
        Assert.Equal("Bitte prüfen Sie Ihre Eingaben", page.Find(".error-summary h2").TextContent);
        Assert.Equal("Bitte eine Reihe wählen.", page.Find("#event-SeriesId-error").TextContent);
        Assert.Equal("true", page.Find("#event-Title").GetAttribute("aria-invalid"));
        Assert.Contains("event-Title-error", page.Find("#event-Title").GetAttribute("aria-describedby"));
        Assert.False(string.IsNullOrWhiteSpace(page.Find("#event-Title-error").TextContent));
        Assert.Contains("invalid", page.Find("#event-SeriesId-field").ClassName);
        // Nothing was stored: still the new-event form, no redirect.
        Assert.Equal("Neue Veranstaltung", page.Find("h1").TextContent);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Without_any_series_the_new_event_page_says_to_create_one_first()
    {
        using var empty = new EmptyDatabaseContext();

        var page = empty.Render<EventEdit>(p => p.AddCascadingValue(Request()));

        var alert = page.Find("p.form-error[role=alert]");
        Assert.Equal("Es gibt noch keine Reihe. Bitte zuerst eine Reihe anlegen.", alert.TextContent);
        Assert.Equal("/organisation/series/neu", alert.QuerySelector("a")!.GetAttribute("href"));
        Assert.Single(page.FindAll("#event-SeriesId option"));
    }

    [Fact]
    public async Task Editing_the_scheduled_demo_event_shows_its_agenda_no_moderator_and_no_presenter_link()
    {
        var id = await EventIdAsync();

        var page = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));

        Assert.StartsWith("Veranstaltung bearbeiten: Spot on OZG HE", page.Find("h1").TextContent);
        Assert.Equal("Geplant", page.Find(".meta .badge").TextContent);
        Assert.Equal($"/events/{DemoContent.SpotOnOzgSlug}/moderate", page.Find("#console-link").GetAttribute("href"));
        Assert.Equal("Moderationskonsole öffnen", page.Find("#console-link").TextContent);
        var blocks = page.FindAll(".agenda-list > li");
        Assert.Equal(3, blocks.Count);
        Assert.StartsWith("Block 1: ", blocks[0].QuerySelector(".agenda-text a")!.TextContent);
        // The first block cannot move up, the last cannot move down.
        Assert.True(blocks[0].QuerySelector("button[value^='up:']")!.HasAttribute("disabled"));
        Assert.False(blocks[1].QuerySelector("button[value^='up:']")!.HasAttribute("disabled"));
        Assert.True(blocks[2].QuerySelector("button[value^='down:']")!.HasAttribute("disabled"));
        Assert.Equal("Block hinzufügen", page.Find($"a[href='/organisation/veranstaltungen/{id}/bloecke/neu']").TextContent);
        Assert.Equal("Noch keine Moderation zugewiesen.", page.Find("#moderation > p:not(.hint)").TextContent);
        Assert.Equal("Es gibt zurzeit keinen gültigen Link zur Referierendenansicht.", page.Find("#presenter-no-link").TextContent);
        Assert.Empty(page.FindAll("#presenter-link"));
        Assert.Empty(page.FindAll("button[value=revoke]"));
        Assert.Equal("Neuen Link erzeugen", page.Find("button[value=renew]").TextContent);
        Assert.Equal(["Block 1 starten", "Block 2 starten", "Block 3 starten"],
            page.FindAll("button[value^='StartBlock:']").Select(b => b.TextContent).ToArray());
        Assert.Equal("scheduled", page.Find("#event-Status option[selected]").GetAttribute("value"));
    }

    [Fact]
    public async Task With_a_presenter_key_the_page_shows_the_stage_link_and_offers_to_revoke_it()
    {
        var id = await EventIdAsync();
        var key = await Services.GetRequiredService<PresenterKeys>().RegenerateAsync(id, "test");

        var page = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));

        var link = page.Find("#presenter-link");
        Assert.Equal($"http://localhost/events/{DemoContent.SpotOnOzgSlug}/stage?key={key}", link.GetAttribute("value"));
        Assert.True(link.HasAttribute("readonly"));
        Assert.Equal("Aktueller Link", page.Find("label[for=presenter-link]").TextContent);
        Assert.Equal(link.GetAttribute("value"), page.Find("#presenter-link-open").GetAttribute("href"));
        Assert.Equal("Link widerrufen", page.Find("button[value=revoke]").TextContent);
        Assert.Empty(page.FindAll("#presenter-no-link"));
    }

    [Fact]
    public async Task Assigned_moderators_are_listed_with_a_remove_button_and_others_can_be_assigned()
    {
        var id = await EventIdAsync();
        var accounts = Services.GetRequiredService<AccountStore>();
        var mona = await CreateAccountAsync("mona@example.org", "Mona Moderation", AccountRoles.Moderator);
        var max = await CreateAccountAsync("max@example.org", "Max Moderation", AccountRoles.Moderator);
        await accounts.AssignModeratorAsync(id, mona.Id);

        var page = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));

        var item = page.Find($"#assigned-moderators li[data-account-id='{mona.Id}']");
        Assert.Contains("Mona Moderation (mona@example.org)", item.TextContent);
        Assert.Equal($"remove:{mona.Id}", item.QuerySelector("button")!.GetAttribute("value"));
        Assert.Single(page.FindAll("#assigned-moderators li"));
        // Only the one not yet assigned is offered.
        var offered = page.FindAll("#assign-AccountId option").Select(o => o.TextContent).ToList();
        Assert.Contains(offered, o => o.Contains("Max Moderation", StringComparison.Ordinal));
        Assert.DoesNotContain(offered, o => o.Contains("Mona", StringComparison.Ordinal));
        Assert.Equal("Vorhandenes Moderationskonto zuweisen", page.Find("label[for=assign-AccountId]").TextContent);
        Assert.DoesNotContain(page.FindAll("#moderation p"), p => p.TextContent == "Noch keine Moderation zugewiesen.");
        Assert.Equal(max.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.FindAll("#assign-AccountId option").Single(o => o.TextContent.Contains("Max", StringComparison.Ordinal)).GetAttribute("value"));
    }

    [Fact]
    public async Task A_live_event_shows_its_live_status_and_a_draft_says_the_stage_opens_later()
    {
        var id = await EventIdAsync();
        await SetStatusAsync(DemoContent.SpotOnOzgSlug, "live");
        var live = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));
        Assert.Equal("Live", live.Find(".meta .badge").TextContent);
        Assert.Contains("badge-live", live.Find(".meta .badge").ClassName);
        Assert.DoesNotContain(live.FindAll("#presenter .hint"), h => h.TextContent.StartsWith("Die Referierendenansicht öffnet sich", StringComparison.Ordinal));

        await SetStatusAsync(DemoContent.SpotOnOzgSlug, "draft");
        var draft = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));
        Assert.Equal("Entwurf", draft.Find(".meta .badge").TextContent);
        Assert.Contains(draft.FindAll("#presenter .hint"),
            h => h.TextContent == "Die Referierendenansicht öffnet sich, sobald die Veranstaltung kein Entwurf mehr ist.");
    }

    [Fact]
    public async Task An_ended_event_can_get_no_more_blocks()
    {
        var ended = (await Services.GetRequiredService<EventStore>().ListEventsAsync(includeDrafts: true)).First(e => e.Status == EventStatus.Ended);

        var page = Render<EventEdit>(p => p.Add(x => x.Id, ended.Id).AddCascadingValue(request));

        Assert.Equal("Beendet", page.Find(".meta .badge").TextContent);
        Assert.Contains(page.FindAll("#agenda .hint"), h => h.TextContent == "Die Veranstaltung ist beendet: Es können keine Blöcke mehr hinzugefügt werden.");
        Assert.Empty(page.FindAll($"a[href='/organisation/veranstaltungen/{ended.Id}/bloecke/neu']"));
    }

    [Fact]
    public async Task After_saving_the_page_says_so_and_a_section_notice_lands_in_its_section()
    {
        var id = await EventIdAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo($"/organisation/veranstaltungen/{id}?gespeichert=1");
        var saved = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));
        Assert.Equal("Die Änderungen wurden gespeichert.", saved.Find("h1 ~ p.notice[role=status]").TextContent);

        navigation.NavigateTo($"/organisation/veranstaltungen/{id}?hinweis=block-geloescht");
        var deleted = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));
        Assert.Single(deleted.FindAll("p.notice"));
        Assert.NotNull(deleted.Find("#agenda p.notice"));
    }

    [Fact]
    public async Task The_event_page_in_English()
    {
        UseLanguage("en-GB");
        var id = await EventIdAsync();

        var page = Render<EventEdit>(p => p.Add(x => x.Id, id).AddCascadingValue(request));

        Assert.StartsWith("Edit event: Spot on OZG HE", page.Find("h1").TextContent);
        Assert.Equal("Scheduled", page.Find(".meta .badge").TextContent);
        Assert.Equal("Open the moderator console", page.Find("#console-link").TextContent);
        Assert.Equal("Presenter screen", page.Find("#presenter-heading").TextContent);
        Assert.Equal("There is currently no valid link to the presenter screen.", page.Find("#presenter-no-link").TextContent);
        Assert.Equal("No moderator assigned yet.", page.Find("#moderation > p:not(.hint)").TextContent);
        Assert.Equal("Start block 1", page.Find("button[value='StartBlock:1']").TextContent);
    }

    [Fact]
    public void A_new_series_form_is_empty_and_lists_no_events()
    {
        var page = Render<SeriesEdit>(p => p.AddCascadingValue(request));

        Assert.Equal("Neue Reihe", page.Find("h1").TextContent);
        Assert.Equal("", page.Find("#series-Title").GetAttribute("value") ?? "");
        Assert.Equal("Reihe speichern", page.Find("#series-form button[type=submit]").TextContent);
        Assert.Empty(page.FindAll("#series-events"));
        Assert.Empty(page.FindAll("p.notice"));
    }

    [Fact]
    public async Task Editing_a_series_fills_the_form_and_lists_its_events()
    {
        var series = (await Services.GetRequiredService<EventStore>().ListSeriesAsync())[0];
        var events = (await Services.GetRequiredService<EventStore>().ListEventsAsync(includeDrafts: true)).Where(e => e.SeriesId == series.Id).ToList();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/organisation/series/{series.Id}?gespeichert=1");

        var page = Render<SeriesEdit>(p => p.Add(x => x.Id, series.Id).AddCascadingValue(request));

        Assert.Equal("Reihe bearbeiten", page.Find("h1").TextContent);
        Assert.Equal("Die Änderungen wurden gespeichert.", page.Find("p.notice").TextContent);
        Assert.Equal(series.Title, page.Find("#series-Title").GetAttribute("value"));
        Assert.Equal(series.Slug, page.Find("#series-Slug").GetAttribute("value"));
        Assert.Equal("Veranstaltungen dieser Reihe", page.Find("#series-events").TextContent);
        Assert.Equal(events.Select(e => e.Title).Order(), page.FindAll("section.card li > a").Select(a => a.TextContent).Order());
        Assert.Equal($"/organisation/veranstaltungen/neu?reihe={series.Id}", page.Find("section.card a.button").GetAttribute("href"));
    }

    [Fact]
    public async Task A_series_with_a_taken_address_gets_its_message_next_to_the_address()
    {
        var taken = (await Services.GetRequiredService<EventStore>().ListSeriesAsync())[0];
        var page = Render<SeriesEdit>(p => p.AddCascadingValue(request));

        page.Find("#series-Title").Change("Eine neue Reihe");
        page.Find("#series-Slug").Change(taken.Slug);
        await page.Find("#series-form").SubmitAsync();

        Assert.Equal(StatusCodes.Status400BadRequest, request.Response.StatusCode);
        Assert.Equal("true", page.Find("#series-Slug").GetAttribute("aria-invalid"));
        Assert.Contains(taken.Slug, page.Find("#series-Slug-error").TextContent);
        Assert.Null(page.Find("#series-Title").GetAttribute("aria-invalid"));
        Assert.Equal("#series-Slug", page.Find(".error-summary a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_new_block_form_names_its_event_and_offers_empty_speaker_rows()
    {
        var id = await EventIdAsync();

        var page = Render<BlockEdit>(p => p.Add(x => x.EventId, id).AddCascadingValue(request));

        Assert.Equal("Neuer Block", page.Find("h1").TextContent);
        Assert.StartsWith("Veranstaltung: Spot on OZG HE", page.Find("p.meta").TextContent);
        Assert.Equal($"/organisation/veranstaltungen/{id}#agenda", page.Find("p.meta a").GetAttribute("href"));
        Assert.Equal("Person 1", page.Find("#speaker-1 legend").TextContent);
        Assert.All(page.FindAll(".speaker-row input"), i => Assert.Equal("", i.GetAttribute("value") ?? ""));
        Assert.Equal("Block speichern", page.Find("#block-form button[type=submit]").TextContent);
    }

    [Fact]
    public async Task Editing_a_block_fills_in_its_title_and_speakers_and_in_English_too()
    {
        var ev = (await Services.GetRequiredService<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!;
        var block = ev.Blocks[1];

        var page = Render<BlockEdit>(p => p.Add(x => x.Id, block.Id).AddCascadingValue(request));

        Assert.Equal("Block 2 bearbeiten", page.Find("h1").TextContent);
        Assert.Equal(block.Title, page.Find("#block-Title").GetAttribute("value"));
        Assert.Equal(block.PlannedMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#block-PlannedMinutes").GetAttribute("value"));
        for (var i = 0; i < block.Speakers.Count; i++)
        {
            Assert.Equal(block.Speakers[i].Name, page.Find($"#speaker-{i + 1} input").GetAttribute("value"));
        }

        UseLanguage("en-GB");
        var english = Render<BlockEdit>(p => p.Add(x => x.Id, block.Id).AddCascadingValue(request));
        Assert.Equal("Edit block 2", english.Find("h1").TextContent);
        Assert.Equal("Save block", english.Find("#block-form button[type=submit]").TextContent);
        Assert.Equal("Back to the event", english.Find("#block-form .form-actions a").TextContent);
    }

    [Fact]
    public async Task A_block_without_a_title_gets_its_message_next_to_the_title()
    {
        var id = await EventIdAsync();
        var page = Render<BlockEdit>(p => p.Add(x => x.EventId, id).AddCascadingValue(request));

        page.Find("#block-Title").Change("");
        await page.Find("#block-form").SubmitAsync();

        Assert.Equal(StatusCodes.Status400BadRequest, request.Response.StatusCode);
        Assert.Equal("true", page.Find("#block-Title").GetAttribute("aria-invalid"));
        Assert.False(string.IsNullOrWhiteSpace(page.Find("#block-Title-error").TextContent));
        Assert.Equal("Neuer Block", page.Find("h1").TextContent);
    }

    /// <summary>A second context over a database without the demo content.</summary>
    private sealed class EmptyDatabaseContext() : AppPageContext(demo: false);
}
