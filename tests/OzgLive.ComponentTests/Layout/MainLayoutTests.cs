using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Accounts;
using OzgLive.Web.Components.Layout;

namespace OzgLive.ComponentTests.Layout;

public sealed class MainLayoutTests : PageTestContext
{
    [Fact]
    public void Signed_out_visitors_get_sign_in_and_no_organisation_link()
    {
        AddAuthorization();

        var layout = RenderLayout("/");

        Assert.Equal(["Veranstaltungen", "Anmelden", "English"], NavTexts(layout));
        Assert.Empty(layout.FindAll("a[href='/organisation']"));
        Assert.Empty(layout.FindAll("form[action='/logout']"));
        Assert.Equal("/login", layout.Find("nav a[href$='login']").GetAttribute("href"));
    }

    [Fact]
    public void Organisers_get_the_organisation_link_and_sign_out_with_their_name()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Test-Organisation");
        auth.SetRoles(AccountRoles.Organiser);

        var layout = RenderLayout("/");

        Assert.Equal(["Veranstaltungen", "Organisation", "Abmelden (Test-Organisation)", "English"], NavTexts(layout));
        var signOut = layout.Find("form[action='/logout']");
        Assert.Equal("post", signOut.GetAttribute("method"));
        // Sign-out is a POST with a token, so no other site can sign anyone out.
        Assert.Equal("test-token", signOut.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value"));
        Assert.Empty(layout.FindAll("nav a[href$='login']"));
    }

    [Fact]
    public void Moderators_are_signed_in_but_get_no_organisation_link()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Dr. Eva Neu");
        auth.SetRoles(AccountRoles.Moderator);

        var layout = RenderLayout("/");

        Assert.Equal(["Veranstaltungen", "Abmelden (Dr. Eva Neu)", "English"], NavTexts(layout));
    }

    [Fact]
    public void The_skip_link_comes_first_and_leads_to_the_main_landmark_with_the_page_in_it()
    {
        AddAuthorization();

        var layout = RenderLayout("/");

        var first = layout.Nodes.OfType<AngleSharp.Dom.IElement>().First();
        Assert.Equal("A", first.TagName);
        Assert.Equal("skip-link", first.ClassName);
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.Equal("Zum Inhalt springen", first.TextContent);

        // One banner, one named navigation, one main (focusable by the skip link), one content info.
        Assert.Single(layout.FindAll("header"));
        Assert.Equal("Hauptnavigation", layout.Find("header nav").GetAttribute("aria-label"));
        var main = layout.Find("main");
        Assert.Equal("main", main.Id);
        Assert.Equal("-1", main.GetAttribute("tabindex"));
        Assert.Equal("Seite", main.QuerySelector("h1")!.TextContent);
        Assert.Single(layout.FindAll("footer"));
    }

    [Fact]
    public void The_language_switch_names_English_in_English_and_returns_to_the_same_page_without_a_lang_query()
    {
        AddAuthorization();

        var layout = RenderLayout("/events/spot-on-ozg-he?lang=de&frage=3");

        var link = layout.Find(".language-switch a");
        Assert.Equal("English", link.TextContent);
        Assert.Equal("en", link.GetAttribute("lang"));
        Assert.Equal("en", link.GetAttribute("hreflang"));
        Assert.Equal("/sprache/en?zurueck=%2Fevents%2Fspot-on-ozg-he%3Ffrage%3D3", link.GetAttribute("href"));
    }

    [Fact]
    public void In_English_the_layout_speaks_English_and_the_switch_offers_German()
    {
        UseLanguage("en-GB");
        AddAuthorization();

        var layout = RenderLayout("/barrierefreiheit");

        Assert.Equal("Skip to content", layout.Find(".skip-link").TextContent);
        Assert.Equal("Main navigation", layout.Find("header nav").GetAttribute("aria-label"));
        Assert.Equal(["Events", "Sign in", "Deutsch"], NavTexts(layout));
        var link = layout.Find(".language-switch a");
        Assert.Equal("de", link.GetAttribute("lang"));
        Assert.Equal("/sprache/de?zurueck=%2Fbarrierefreiheit", link.GetAttribute("href"));
        Assert.Equal("Accessibility statement", layout.Find("footer a").TextContent);
    }

    [Fact]
    public void The_footer_links_the_accessibility_statement_and_tells_it_which_page_the_visitor_is_on()
    {
        AddAuthorization();

        var onEvent = RenderLayout("/events/spot-on-ozg-he?lang=en");
        var statement = onEvent.Find("footer a");
        Assert.Equal("Erklärung zur Barrierefreiheit", statement.TextContent);
        Assert.Equal("/barrierefreiheit?seite=%2Fevents%2Fspot-on-ozg-he", statement.GetAttribute("href"));

        var onHome = RenderLayout("/");
        Assert.Equal("/barrierefreiheit", onHome.Find("footer a").GetAttribute("href"));
    }

    private IRenderedComponent<MainLayout> RenderLayout(string path)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        return Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Seite</h1>"))));
    }

    private static List<string> NavTexts(IRenderedComponent<MainLayout> layout) =>
        layout.FindAll("header nav li").Select(li => li.TextContent.Trim()).ToList();
}
