using System.Net;
using OzgLive.Tests.Organisers;
using OzgLive.Web.Channels;

namespace OzgLive.Tests.Channels;

/// <summary>The stream overlay's page: only with the event's current key; otherwise the ordinary 404.</summary>
public sealed class OverlayTests : IAsyncLifetime
{
    private OrganiserSite site = null!;

    public async ValueTask InitializeAsync() => site = await OrganiserSite.StartAsync();

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task The_overlay_opens_with_the_current_key_only()
    {
        var ev = await site.CreateEventAsync("overlay-test", blocks: 1);
        var keys = site.App.Get<OverlayKeys>();
        using var client = site.App.CreateClient();

        using var withoutKey = await client.GetAsync("/events/overlay-test/overlay");
        var old = await keys.RegenerateAsync(ev.Id, "test");
        var current = await keys.RegenerateAsync(ev.Id, "test");
        using var withOld = await client.GetAsync(OverlayKeys.OverlayPath(ev.Slug, old));
        using var withCurrent = await client.GetAsync(OverlayKeys.OverlayPath(ev.Slug, current));
        var page = OrganiserSite.Parse(await withCurrent.Content.ReadAsStringAsync());
        await keys.RevokeAsync(ev.Id, "test");
        using var revoked = await client.GetAsync(OverlayKeys.OverlayPath(ev.Slug, current));

        Assert.Equal(HttpStatusCode.NotFound, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        // The QR corner is rendered on the server; the lower third comes from the template.
        var code = (await site.App.Get<JoinCodes>().ForEventAsync(ev.Id))!;
        Assert.Equal($"Code: {JoinCodes.Display(code)}", page.QuerySelector(".overlay-join .join-qr-code")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("template#overlay-question-template"));
        Assert.Equal(ev.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), page.GetElementById("overlay")!.GetAttribute("data-event-id"));
    }

    [Fact]
    public async Task An_overlay_of_a_draft_or_a_deleted_event_is_not_found_even_with_its_current_key()
    {
        var ev = await site.CreateEventAsync("overlay-entwurf", blocks: 1, status: "draft");
        var key = await site.App.Get<OverlayKeys>().RegenerateAsync(ev.Id, "test");
        using var client = site.App.CreateClient();
        using var anotherEvent = await client.GetAsync("/events/overlay-gibt-es-nicht/overlay?key=" + Uri.EscapeDataString(key));

        using var draft = await client.GetAsync(OverlayKeys.OverlayPath(ev.Slug, key));
        await using (var connection = site.App.Get<OzgLive.Web.Storage.Database>().Open())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE events SET status = 'scheduled' WHERE id = @Id", new { ev.Id });
        }

        using var scheduled = await client.GetAsync(OverlayKeys.OverlayPath(ev.Slug, key));
        await using (var connection = site.App.Get<OzgLive.Web.Storage.Database>().Open())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM events WHERE id = @Id", new { ev.Id });
        }

        using var deleted = await client.GetAsync(OverlayKeys.OverlayPath(ev.Slug, key));

        // The same key opens the overlay once the event is public: only the draft status refused it.
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        foreach (var refused in new[] { draft, deleted, anotherEvent })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain(ev.Title, body, StringComparison.Ordinal);
            Assert.DoesNotContain("overlay-question-template", body, StringComparison.Ordinal);
        }

        // The ordinary 404: the same page as for any address that does not exist.
        using var unknown = await client.GetAsync("/gibt-es-nicht");
        Assert.Equal(OrganiserSite.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent,
            OrganiserSite.Parse(await draft.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Organisers_make_the_overlay_link_and_list_partner_sites_on_the_event_page()
    {
        var ev = await site.CreateEventAsync("kanal-seite", blocks: 1);
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        var (_, afterKey) = await site.SubmitAndFollowAsync(path, "overlay-key", new() { ["OverlayInput.Command"] = "renew" }, path);
        var refused = await site.SubmitAsync(path, "partner-origins", new() { ["PartnersInput.Origins"] = "https://partner.example\nkeine adresse" });
        var (_, afterPartners) = await site.SubmitAndFollowAsync(path, "partner-origins",
            new() { ["PartnersInput.Origins"] = "https://Partner.example/veranstaltungen\nhttps://zweite.example" }, path);

        var key = await site.App.Get<OverlayKeys>().CurrentAsync(ev.Id);
        Assert.NotNull(key);
        Assert.EndsWith(OverlayKeys.OverlayPath(ev.Slug, key!), afterKey.GetElementById("overlay-link")!.GetAttribute("value"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("keine, adresse", refused.Document.GetElementById("partners-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["https://partner.example", "https://zweite.example"], await site.App.Get<PartnerOrigins>().ListAsync(ev.Id));
        Assert.Contains("/embed/kanal-seite?partner=https%3A%2F%2Fpartner.example", afterPartners.GetElementById("embed-snippet")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organisers_list_the_series_partner_sites_on_the_series_page_and_every_event_may_be_framed_by_them()
    {
        var ev = await site.CreateEventAsync("serien-partner", blocks: 1);
        var seriesId = (await site.EventAsync(ev.Slug))!.SeriesId;
        var path = $"/organisation/series/{seriesId}";

        var refused = await site.SubmitAsync(path, "series-partner-origins", new() { ["PartnersInput.Origins"] = "keine-adresse" });
        var (_, after) = await site.SubmitAndFollowAsync(path, "series-partner-origins",
            new() { ["PartnersInput.Origins"] = "https://Serie.example/start" }, path);
        await site.App.Get<PartnerOrigins>().SaveAsync(ev.Id, ["https://nur-hier.example"]);
        using var client = site.App.CreateClient();
        using var embed = await client.GetAsync($"/embed/{ev.Slug}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("keine-adresse", refused.Document.GetElementById("series-partners-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://serie.example", after.GetElementById("series-partner-origins")!.TextContent.Trim());
        Assert.Equal(["https://serie.example"], await site.App.Get<PartnerOrigins>().ListForSeriesAsync(seriesId));
        Assert.Equal("frame-ancestors https://nur-hier.example https://serie.example", string.Join(", ", embed.Headers.GetValues("Content-Security-Policy")));
    }
}
