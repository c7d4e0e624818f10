using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.ComponentTests.Layout;
using OzgLive.ComponentTests.Moderation;
using OzgLive.Web.Accounts;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Moderation;

namespace OzgLive.ComponentTests.Coverage;

/// <summary>The moderation pages over a real demo database, for an organiser, an assigned and an unassigned moderator.</summary>
public sealed class ModerationPagesTests : AppPageContext
{
    [Fact]
    public async Task An_unassigned_moderator_is_denied_the_console_with_403_and_a_way_to_the_public_page()
    {
        var moderator = await CreateAccountAsync("mona@example.org", "Mona Moderation", AccountRoles.Moderator);
        var request = Request(moderator);

        var page = Render<ModeratePage>(p => p.Add(x => x.Slug, DemoContent.SpotOnOzgSlug).AddCascadingValue<HttpContext>(request));

        Assert.Equal(StatusCodes.Status403Forbidden, request.Response.StatusCode);
        Assert.Equal("Kein Zugriff", page.Find("h1").TextContent);
        Assert.Equal("Sie moderieren diese Veranstaltung nicht. Die Organisation kann Ihr Konto dieser Veranstaltung zuweisen.", page.Find("h1 + p").TextContent);
        Assert.Equal($"/events/{DemoContent.SpotOnOzgSlug}", page.Find("a").GetAttribute("href"));
        Assert.Equal("Zur öffentlichen Seite der Veranstaltung", page.Find("a").TextContent);
        Assert.Empty(page.FindAll("#moderate, script"));
    }

    [Fact]
    public void Without_an_account_the_console_is_denied_in_English_too()
    {
        UseLanguage("en-GB");
        var request = Request();

        var page = Render<ModeratePage>(p => p.Add(x => x.Slug, DemoContent.SpotOnOzgSlug).AddCascadingValue<HttpContext>(request));

        Assert.Equal(StatusCodes.Status403Forbidden, request.Response.StatusCode);
        Assert.Equal("No access", page.Find("h1").TextContent);
        Assert.Equal("Go to the event's public page", page.Find("a").TextContent);
    }

    [Fact]
    public async Task An_organiser_gets_the_console_for_the_demo_event_with_blazors_script_only()
    {
        var organiser = await CreateAccountAsync("orga@example.org", "Olga Organisation", AccountRoles.Organiser);
        var request = Request(organiser);
        var id = await EventIdAsync();

        var page = Render<ModeratePage>(p => p.Add(x => x.Slug, DemoContent.SpotOnOzgSlug).AddCascadingValue<HttpContext>(AsCircuitUser(request)));

        Assert.Equal(StatusCodes.Status200OK, request.Response.StatusCode);
        var root = page.Find("#moderate");
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetAttribute("data-event-id"));
        Assert.Equal("organiser", root.GetAttribute("data-role"));
        Assert.StartsWith("Spot on OZG HE", page.Find("h1").TextContent);
        Assert.Equal("0", page.Find("#viewer-number").TextContent);
        // The demo's three blocks are offered for a question added from elsewhere.
        Assert.Equal(4, page.FindAll("#add-block option").Count);
        // An interactive server component: Blazor's script is the page's only one.
        Assert.Equal(["_framework/blazor.web.js"], page.FindAll("script[src]").Select(s => s.GetAttribute("src")!).ToArray());
        Assert.DoesNotContain(page.FindAll("h1"), h => h.TextContent == "Kein Zugriff");
    }

    [Fact]
    public async Task An_assigned_moderator_gets_the_console_as_moderator()
    {
        var moderator = await CreateAccountAsync("mona@example.org", "Mona Moderation", AccountRoles.Moderator);
        await Services.GetRequiredService<AccountStore>().AssignModeratorAsync(await EventIdAsync(), moderator.Id);
        var request = Request(moderator);

        var page = Render<ModeratePage>(p => p.Add(x => x.Slug, DemoContent.SpotOnOzgSlug).AddCascadingValue<HttpContext>(AsCircuitUser(request)));

        Assert.Equal("moderator", page.Find("#moderate").GetAttribute("data-role"));
        Assert.Equal(StatusCodes.Status200OK, request.Response.StatusCode);
    }

    [Fact]
    public async Task My_events_lists_only_the_assigned_current_events_with_their_console_and_public_page()
    {
        var moderator = await CreateAccountAsync("mona@example.org", "Mona Moderation", AccountRoles.Moderator);
        var events = await Services.GetRequiredService<EventStore>().ListEventsAsync(includeDrafts: true);
        var accounts = Services.GetRequiredService<AccountStore>();
        await accounts.AssignModeratorAsync(await EventIdAsync(), moderator.Id);
        // An ended workshop is no longer listed, even though she moderated it.
        await accounts.AssignModeratorAsync(events.First(e => e.Status == EventStatus.Ended).Id, moderator.Id);

        var page = Render<MyEventsPage>(p => p.AddCascadingValue<HttpContext>(Request(moderator)));

        Assert.Equal("Meine Veranstaltungen", page.Find("h1").TextContent);
        var item = Assert.Single(page.FindAll("#my-events > li"));
        var links = item.QuerySelectorAll("a");
        Assert.Equal($"/events/{DemoContent.SpotOnOzgSlug}/moderate", links[0].GetAttribute("href"));
        Assert.StartsWith("Spot on OZG HE", links[0].TextContent);
        Assert.Equal($"/events/{DemoContent.SpotOnOzgSlug}", links[1].GetAttribute("href"));
        Assert.Equal("öffentliche Seite", links[1].TextContent);
        Assert.NotNull(item.QuerySelector("time[datetime]"));
        Assert.Empty(page.FindAll("#no-events"));
    }

    [Fact]
    public async Task My_events_without_assignments_says_so_in_German_and_English()
    {
        var moderator = await CreateAccountAsync("mona@example.org", "Mona Moderation", AccountRoles.Moderator);

        var german = Render<MyEventsPage>(p => p.AddCascadingValue<HttpContext>(Request(moderator)));
        Assert.Equal("Ihnen ist zurzeit keine laufende oder geplante Veranstaltung zur Moderation zugewiesen.", german.Find("#no-events").TextContent);
        Assert.Empty(german.FindAll("#my-events"));

        UseLanguage("en-GB");
        var english = Render<MyEventsPage>(p => p.AddCascadingValue<HttpContext>(Request(moderator)));
        Assert.Equal("My events", english.Find("h1").TextContent);
        Assert.Equal("No current or upcoming event is assigned to you for moderation.", english.Find("#no-events").TextContent);
    }

    [Fact]
    public async Task An_organiser_sees_every_current_event_in_my_events()
    {
        var organiser = await CreateAccountAsync("orga@example.org", "Olga Organisation", AccountRoles.Organiser);

        var page = Render<MyEventsPage>(p => p.AddCascadingValue<HttpContext>(Request(organiser)));

        // The demo has one scheduled broadcast; its four workshops have ended.
        Assert.Single(page.FindAll("#my-events > li"));
    }
}

/// <summary>The console's form for questions from elsewhere and its dialogs, from a sample event.</summary>
public sealed class ModerationFormsTests : AppPageContext
{
    [Fact]
    public void The_add_question_form_offers_every_source_but_the_live_page_and_every_block()
    {
        var form = Render<AddQuestionForm>(p => p.Add(x => x.Event, Samples.Event(blocks: 2)).Add(x => x.User, Request().User));

        Assert.Equal("Frage aus anderem Kanal erfassen", form.Find("#add-heading").TextContent);
        Assert.Equal("add-heading", form.Find("section").GetAttribute("aria-labelledby"));
        Assert.Equal(
            [("youTube", "YouTube"), ("twitter", "Twitter (X)"), ("email", "E-Mail"), ("phone", "Telefon"), ("onSite", "Vor Ort"), ("other", "Sonstiges")],
            form.FindAll("#add-source option").Select(o => (o.GetAttribute("value"), o.TextContent)).ToArray());
        Assert.Equal(
            [("", "ohne Block"), ("1", "Block 1: Themenblock 1"), ("2", "Block 2: Themenblock 2")],
            form.FindAll("#add-block option").Select(o => (o.GetAttribute("value"), o.TextContent)).ToArray());
        Assert.True(form.Find("#add-text").HasAttribute("required"));
        Assert.Equal("500", form.Find("#add-text").GetAttribute("maxlength"));
        Assert.Equal("Name (optional)", form.Find("label[for=add-name]").TextContent);
        Assert.Equal("Die Frage wird sofort freigegeben.", form.Find("p.hint").TextContent);
        Assert.Equal("Frage erfassen", form.Find("button[type=submit]").TextContent);
        foreach (var control in form.FindAll("input, select, textarea"))
        {
            Assert.Single(form.FindAll($"label[for='{control.Id}']"));
        }
    }

    [Fact]
    public void The_add_question_form_without_blocks_offers_only_no_block_and_speaks_English()
    {
        UseLanguage("en-GB");

        var form = Render<AddQuestionForm>(p => p.Add(x => x.Event, Samples.Event(blocks: 0)).Add(x => x.User, Request().User));

        Assert.Equal("Add a question received elsewhere", form.Find("#add-heading").TextContent);
        Assert.Equal("no block", Assert.Single(form.FindAll("#add-block option")).TextContent);
        Assert.Contains(form.FindAll("#add-source option"), o => o.TextContent == "On site");
        Assert.Equal("Add question", form.Find("button[type=submit]").TextContent);
    }
}
