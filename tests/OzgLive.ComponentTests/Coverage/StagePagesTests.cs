using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Accounts;
using OzgLive.Web.Demo;
using OzgLive.Web.Live;
using OzgLive.Web.Stage;

namespace OzgLive.ComponentTests.Coverage;

/// <summary>The presenter screen's page over a real demo database: refused without a valid key, the screen with one.</summary>
public sealed class StagePagesTests : AppPageContext
{
    private readonly NavigationManager navigation;

    public StagePagesTests() => navigation = Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<StagePage> Stage(HttpContext request, string? key = null, string? theme = null)
    {
        var query = string.Join("&", new[] { key is null ? null : "key=" + Uri.EscapeDataString(key), theme is null ? null : "theme=" + theme }.Where(q => q is not null));
        navigation.NavigateTo($"/events/{DemoContent.SpotOnOzgSlug}/stage" + (query.Length > 0 ? "?" + query : ""));
        AsCircuitUser(request);
        return Render<StagePage>(p => p.Add(x => x.Slug, DemoContent.SpotOnOzgSlug).AddCascadingValue(request));
    }

    [Fact]
    public void Without_a_key_the_page_says_to_open_the_full_link_and_answers_403()
    {
        var request = Request();

        var page = Stage(request);

        Assert.Equal(StatusCodes.Status403Forbidden, request.Response.StatusCode);
        Assert.Equal("no-store", request.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", request.Response.Headers["Referrer-Policy"].ToString());
        Assert.Equal("Kein Zugang zur Referierendenansicht", page.Find("h1").TextContent);
        var message = page.Find(".stage-message");
        Assert.Equal("missing-key", message.GetAttribute("data-reason"));
        Assert.StartsWith("Diese Ansicht öffnet sich nur über den vollständigen Link", message.TextContent);
        Assert.Equal("/login?ReturnUrl=%2Fevents%2Fspot-on-ozg-he%2Fstage", page.Find("#stage-denied a").GetAttribute("href"));
        // Nothing of the event is shown.
        Assert.DoesNotContain("Spot on OZG HE", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#stage, script"));
    }

    [Fact]
    public async Task A_revoked_or_wrong_key_is_refused_with_its_own_message_in_English_too()
    {
        var id = await EventIdAsync();
        var keys = Services.GetRequiredService<PresenterKeys>();
        var old = await keys.RegenerateAsync(id, "test");
        await keys.RegenerateAsync(id, "test");

        var german = Stage(Request(), key: old);
        Assert.Equal("wrong-key", german.Find(".stage-message").GetAttribute("data-reason"));
        Assert.Equal("Dieser Link ist ungültig oder wurde widerrufen. Bitte fordern Sie bei der Organisation einen neuen Link an.", german.Find(".stage-message").TextContent);

        UseLanguage("en-GB");
        var english = Stage(Request(), key: "falsch");
        Assert.Equal("No access to the presenter screen", english.Find("h1").TextContent);
        Assert.Equal("This link is not valid or has been revoked. Please ask the organisers for a new link.", english.Find(".stage-message").TextContent);
        Assert.Equal("en", english.Find("#stage-denied").GetAttribute("lang"));
    }

    [Fact]
    public async Task With_the_current_key_the_screen_shows_the_event_as_presenter_and_loads_only_blazor()
    {
        var id = await EventIdAsync();
        var key = await Services.GetRequiredService<PresenterKeys>().RegenerateAsync(id, "test");
        var request = Request();

        var page = Stage(request, key: key, theme: "light");

        Assert.Equal(StatusCodes.Status200OK, request.Response.StatusCode);
        var stage = page.Find("#stage");
        Assert.Equal("presenter", stage.GetAttribute("data-role"));
        Assert.Equal("light", stage.GetAttribute("data-theme"));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), stage.GetAttribute("data-event-id"));
        Assert.StartsWith("Spot on OZG HE", page.Find("#stage-event-title").TextContent);
        Assert.Empty(page.FindAll("#stage-denied"));
        // The key stays in the address only: the page never writes it into its markup.
        Assert.DoesNotContain(key, page.Markup, StringComparison.Ordinal);
        // The screen is an interactive server component: Blazor's script is the only one.
        Assert.Equal(["_framework/blazor.web.js"], page.FindAll("script[src]").Select(s => s.GetAttribute("src")!).ToArray());
    }

    [Fact]
    public async Task A_signed_in_organiser_gets_the_screen_without_a_key_and_an_unknown_theme_falls_back_to_dark()
    {
        var organiser = await CreateAccountAsync("orga@example.org", "Olga Organisation", AccountRoles.Organiser);

        var page = Stage(Request(organiser), theme: "<neon>");

        Assert.Equal("organiser", page.Find("#stage").GetAttribute("data-role"));
        Assert.Equal("dark", page.Find("#stage").GetAttribute("data-theme"));
    }

    [Fact]
    public async Task The_screen_in_English_is_in_English()
    {
        UseLanguage("en-GB");
        var key = await Services.GetRequiredService<PresenterKeys>().RegenerateAsync(await EventIdAsync(), "test");

        var page = Stage(Request(), key: key);

        Assert.Equal("en", page.Find("#stage").GetAttribute("lang"));
        Assert.Equal("Up next", page.Find("#stage-next-heading").TextContent);
    }

    [Fact]
    public void The_stage_layout_shows_only_the_page_and_keeps_search_engines_and_referrers_out()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        var rendered = Render(b =>
        {
            b.OpenComponent<HeadOutlet>(0);
            b.CloseComponent();
            b.OpenComponent<StageLayout>(1);
            b.AddAttribute(2, nameof(StageLayout.Body), (RenderFragment)(body => body.AddMarkupContent(0, "<div id=\"screen\">Bühne</div>")));
            b.CloseComponent();
        });

        Assert.Equal("Bühne", rendered.Find("#screen").TextContent);
        // No site header, navigation or footer around the screen.
        Assert.Empty(rendered.FindAll("header, nav, footer"));
        Assert.Equal("noindex, nofollow", rendered.Find("meta[name=robots]").GetAttribute("content"));
        Assert.Equal("no-referrer", rendered.Find("meta[name=referrer]").GetAttribute("content"));
        Assert.Equal("css/stage.css", rendered.Find("link[rel=stylesheet]").GetAttribute("href"));
    }
}
