using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Components.Pages;

namespace OzgLive.ComponentTests.Layout;

public sealed class AccessibilityStatementTests : PageTestContext
{
    [Fact]
    public void The_statement_has_the_sections_BITV_asks_for_in_German()
    {
        UseConfiguration();

        var page = Render<AccessibilityStatement>();

        Assert.Equal("Erklärung zur Barrierefreiheit", page.Find("h1").TextContent);
        Assert.Equal(
            ["Stand der Vereinbarkeit mit den Anforderungen", "Erstellung dieser Erklärung", "Feedback und Kontakt", "Schlichtungsverfahren"],
            page.FindAll("h2").Select(h => h.TextContent));
        Assert.Equal("Stand: teilweise vereinbar", page.Find(".statement-status").TextContent);
        Assert.Equal("Nicht barrierefreie Inhalte", page.Find("h3").TextContent);
        var limitations = page.FindAll(".statement-list li").Select(li => li.TextContent).ToList();
        Assert.Contains(limitations, l => l.StartsWith("Videoplayer von YouTube:", StringComparison.Ordinal));
        Assert.Contains(limitations, l => l.StartsWith("Untertitel, Audiodeskription und Gebärdensprache im Video:", StringComparison.Ordinal));
        Assert.Contains("Diese Erklärung wurde am 21. November 2026 erstellt.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Schlichtungsstelle nach § 16 BGG", page.Find("section[aria-labelledby='conciliation-heading'] p").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_goes_to_the_default_address_with_a_prepared_mail()
    {
        UseConfiguration();

        var page = Render<AccessibilityStatement>();

        Assert.Equal("mailto:barrierefreiheit@ozglive.example", page.Find("#feedback-address").GetAttribute("href"));
        var mail = page.Find("#feedback-mail");
        Assert.Equal("Barriere per E-Mail melden", mail.TextContent);
        Assert.StartsWith("mailto:barrierefreiheit@ozglive.example?subject=Barriere%20auf%20OzgLive&body=Seite%3A%20%0D%0A", mail.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#feedback-page"));
    }

    [Fact]
    public void The_contact_address_comes_from_configuration_and_the_mail_names_the_page_the_visitor_came_from()
    {
        UseConfiguration(("Site:AccessibilityContact", "barrierefrei@land.example"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/barrierefreiheit?seite=%2Fevents%2Fspot-on-ozg-he");

        var page = Render<AccessibilityStatement>();

        Assert.Equal("barrierefrei@land.example", page.Find("#feedback-address").TextContent);
        Assert.Contains("body=Seite%3A%20%2Fevents%2Fspot-on-ozg-he%0D%0A", page.Find("#feedback-mail").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Die Nachricht nennt bereits die Seite, von der Sie kommen: /events/spot-on-ozg-he", page.Find("#feedback-page").TextContent);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    public void A_page_parameter_that_is_not_a_path_of_this_site_is_ignored(string seite)
    {
        UseConfiguration();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/barrierefreiheit?seite=" + Uri.EscapeDataString(seite));

        var page = Render<AccessibilityStatement>();

        Assert.Empty(page.FindAll("#feedback-page"));
        Assert.DoesNotContain("evil", page.Find("#feedback-mail").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_conciliation_body_is_plain_text_and_the_page_refers_to_no_other_host()
    {
        UseConfiguration();

        var page = Render<AccessibilityStatement>();

        var address = page.Find("#conciliation-address");
        Assert.Equal("de", address.GetAttribute("lang"));
        Assert.Contains("Mauerstraße 53", address.TextContent, StringComparison.Ordinal);
        Assert.Contains("www.schlichtungsstelle-bgg.de", address.TextContent, StringComparison.Ordinal);
        Assert.Empty(address.QuerySelectorAll("a"));
        Assert.Empty(page.FindAll("[href^='http'], [src]"));
    }

    [Fact]
    public void The_statement_in_English()
    {
        UseLanguage("en-GB");
        UseConfiguration();

        var page = Render<AccessibilityStatement>();

        Assert.Equal("Accessibility statement", page.Find("h1").TextContent);
        Assert.Equal(["Compliance status", "Preparation of this statement", "Feedback and contact", "Conciliation procedure"], page.FindAll("h2").Select(h => h.TextContent));
        Assert.Equal("Status: partially compliant", page.Find(".statement-status").TextContent);
        Assert.Contains("This statement was prepared on 21 November 2026.", page.Markup, StringComparison.Ordinal);
        Assert.Equal("Report a barrier by e-mail", page.Find("#feedback-mail").TextContent);
    }

    private void UseConfiguration(params (string Key, string Value)[] settings) =>
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
