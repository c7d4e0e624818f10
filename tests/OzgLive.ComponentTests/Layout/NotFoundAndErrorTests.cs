using OzgLive.Web.Components;
using OzgLive.Web.Components.Pages;

namespace OzgLive.ComponentTests.Layout;

public sealed class NotFoundAndErrorTests : PageTestContext
{
    [Fact]
    public void The_not_found_page_says_so_in_German_and_links_home()
    {
        var page = Render<NotFound>();

        page.Find("h1").MarkupMatches("<h1>Seite nicht gefunden</h1>");
        var link = page.Find("a");
        Assert.Equal("/", link.GetAttribute("href"));
        Assert.Equal("Übersicht der Veranstaltungen", link.TextContent);
        Assert.Equal("Diese Adresse gibt es nicht (mehr). Zur Übersicht der Veranstaltungen.", page.Find("p").TextContent);
    }

    [Fact]
    public void The_not_found_page_in_English()
    {
        UseLanguage("en-GB");

        var page = Render<NotFound>();

        Assert.Equal("Page not found", page.Find("h1").TextContent);
        Assert.Equal("This address does not exist (any more). Go to the list of events.", page.Find("p").TextContent);
        Assert.Equal("list of events", page.Find("a").TextContent);
    }

    [Fact]
    public void The_error_page_asks_to_try_again_in_both_languages()
    {
        Assert.Equal("Ein Fehler ist aufgetreten", Render<Error>().Find("h1").TextContent);
        UseLanguage("en-GB");
        Assert.Equal("Something went wrong", Render<Error>().Find("h1").TextContent);
    }

    [Fact]
    public void Clock_text_formats_minutes_and_seconds() => Assert.Equal("12:05", ClockText.Format(TimeSpan.FromSeconds(725)));
}
