using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;

namespace OzgLive.Tests.Organisers;

public sealed class OrganiserAccessTests
{
    private static async Task<string[]> PagesAsync(TestApp app)
    {
        var ev = await app.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug);
        return
        [
            "/organisation",
            "/organisation/series/neu",
            $"/organisation/series/{ev!.SeriesId}",
            "/organisation/veranstaltungen/neu",
            $"/organisation/veranstaltungen/{ev.Id}",
            $"/organisation/veranstaltungen/{ev.Id}/bloecke/neu",
            $"/organisation/bloecke/{ev.Blocks[0].Id}",
        ];
    }

    [Fact]
    public async Task Anonymous_GET_of_every_organiser_page_redirects_to_the_login_with_a_return_address()
    {
        await using var app = await TestApp.StartAsync();
        using var http = app.CreateClient();
        foreach (var path in await PagesAsync(app))
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            var location = new Uri(app.BaseAddress, response.Headers.Location!);
            Assert.Equal("/login", location.AbsolutePath);
            Assert.Contains(Uri.EscapeDataString(path), location.Query, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_signed_in_moderator_gets_an_access_denied_page_instead_of_any_organiser_form()
    {
        await using var app = await TestApp.StartAsync();
        var ev = await app.Get<OzgLive.Web.Events.EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug);
        var (_, email) = await app.CreateModeratorAsync("mod@test.local", ev!.Id);
        using var http = app.CreateClient(await app.SignInAsync(email));
        foreach (var path in await PagesAsync(app))
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            var location = new Uri(app.BaseAddress, response.Headers.Location!);
            Assert.Equal("/kein-zugriff", location.AbsolutePath);

            using var denied = await http.GetAsync(location);
            var page = OrganiserSite.Parse(await denied.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("Kein Zugriff", page.QuerySelector("h1")!.TextContent);
            // The only form is the sign-out button in the header: no organiser form leaks out.
            Assert.Empty(page.QuerySelectorAll("main form"));
        }
    }

    [Fact]
    public async Task A_moderators_POST_to_the_event_form_is_refused_and_changes_nothing()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var (_, email) = await site.App.CreateModeratorAsync("mod@test.local", ev.Id);
        var before = await site.SnapshotAsync();

        // A token from a page the moderator may see: the request is well-formed, only the role is missing.
        using var moderator = site.App.CreateClient(await site.App.SignInAsync(email));
        var home = await moderator.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = Fields.Event(ev, title: "Übernommen");
        fields["_handler"] = "event";
        fields["__RequestVerificationToken"] = token;
        using var response = await moderator.PostAsync($"/organisation/veranstaltungen/{ev.Id}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/kein-zugriff", new Uri(site.App.BaseAddress, response.Headers.Location!).AbsolutePath);
        Assert.Equal(before, await site.SnapshotAsync());
    }

    [Fact]
    public async Task A_forged_POST_without_antiforgery_token_is_rejected_with_400_and_stores_nothing()
    {
        await using var site = await OrganiserSite.StartAsync();
        var ev = await site.DemoEventAsync();
        var before = await site.SnapshotAsync();

        var fields = Fields.Event(ev, title: "Von einer fremden Seite");
        fields["_handler"] = "event";
        using var response = await site.Http.PostAsync($"/organisation/veranstaltungen/{ev.Id}", new FormUrlEncodedContent(fields));
        using var clock = await site.Http.PostAsync(
            $"/organisation/veranstaltungen/{ev.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "clock", ["ClockInput.Command"] = "StartEvent" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, clock.StatusCode);
        Assert.Equal(before, await site.SnapshotAsync());
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync("/organisation")).StatusCode);
    }

    [Fact]
    public async Task Unknown_ids_answer_404_not_an_error_page()
    {
        await using var site = await OrganiserSite.StartAsync();
        foreach (var path in new[] { "/organisation/series/9999", "/organisation/veranstaltungen/9999", "/organisation/veranstaltungen/9999/bloecke/neu", "/organisation/bloecke/9999" })
        {
            using var response = await site.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_overview_lists_every_series_and_event_including_drafts_with_status_and_public_link()
    {
        await using var site = await OrganiserSite.StartAsync();
        var draft = await site.CreateEventAsync("entwurf-test", blocks: 0, status: "draft");

        var page = await site.GetAsync("/organisation");

        Assert.Equal("Organisation", page.QuerySelector("h1")!.TextContent);
        var row = page.QuerySelector($"tr[data-event-id='{draft.Id}']");
        Assert.NotNull(row);
        Assert.Equal("Entwurf", row.QuerySelector(".badge")!.TextContent);
        Assert.NotNull(row.QuerySelector($"a[href='/organisation/veranstaltungen/{draft.Id}']"));
        Assert.NotNull(row.QuerySelector("a[href='/events/entwurf-test']"));
        Assert.Contains("Mittwoch, 10. Juni 2026, 10:00 Uhr", row.TextContent);

        var demo = await site.DemoEventAsync();
        Assert.Equal("Geplant", page.QuerySelector($"tr[data-event-id='{demo.Id}'] .badge")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='/organisation/series/{demo.SeriesId}']"));
        Assert.NotNull(page.QuerySelector($"a[href='/organisation/veranstaltungen/neu?reihe={draft.SeriesId}']"));
        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
    }
}
