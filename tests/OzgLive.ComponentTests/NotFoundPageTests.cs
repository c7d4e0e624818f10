using OzgLive.Web.Components;

namespace OzgLive.ComponentTests;

/// <summary>A first component test, so the bunit set-up is proven before pages depend on it.</summary>
public sealed class NotFoundPageTests : BunitContext
{
    [Fact]
    public void The_not_found_page_says_so_in_German_and_links_home()
    {
        var page = Render<OzgLive.Web.Components.Pages.NotFound>();
        Assert.Equal("Seite nicht gefunden", page.Find("h1").TextContent);
        Assert.Equal("/", page.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void Markup_comparison_works_with_the_diffing_library_available_here()
    {
        var page = Render<OzgLive.Web.Components.Pages.NotFound>();
        page.Find("h1").MarkupMatches("<h1>Seite nicht gefunden</h1>");
    }

    [Fact]
    public void Clock_text_formats_minutes_and_seconds() => Assert.Equal("12:05", ClockText.Format(TimeSpan.FromSeconds(725)));
}
