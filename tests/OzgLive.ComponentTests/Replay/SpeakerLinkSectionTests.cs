using OzgLive.ComponentTests.Layout;
using OzgLive.Web.Replay.Review;

namespace OzgLive.ComponentTests.Replay;

/// <summary>The review page's "Link für Referierende" section: the full link to copy, what it allows, and its buttons, in German and English.</summary>
public sealed class SpeakerLinkSectionTests : PageTestContext
{
    private const string Link = "https://ozglive.example/events/spot-on-ozg-he/nachbereitung?key=AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    private IRenderedComponent<SpeakerLinkSection> RenderSection(string? link, string? error = null) =>
        Render<SpeakerLinkSection>(p => p
            .Add(x => x.Link, link)
            .Add(x => x.Model, new SpeakerLinkForm())
            .Add(x => x.Action, "/organisation/veranstaltungen/4/transkript#speaker-link")
            .Add(x => x.Error, error));

    [Fact]
    public void With_a_link_it_shows_the_full_address_explains_it_and_offers_renewal_and_revocation()
    {
        var cut = RenderSection(Link);

        Assert.Equal("Link für Referierende", cut.Find("h2#speaker-link-heading").TextContent);
        Assert.Equal("speaker-link-heading", cut.Find("section").GetAttribute("aria-labelledby"));
        Assert.Contains("Wer den Link hat, kann Antworten schreiben und veröffentlichen.", cut.Find("p.hint").TextContent);
        Assert.Contains("Ein neuer Link sperrt alle alten Links sofort aus", cut.Find("p.hint").TextContent);
        var input = cut.Find("input#speaker-link-url");
        Assert.Equal(Link, input.GetAttribute("value"));
        Assert.True(input.HasAttribute("readonly"));
        Assert.Equal("Aktueller Link für Referierende", cut.Find("label[for=speaker-link-url]").TextContent);
        Assert.Equal(Link, cut.Find("a#speaker-link-open").GetAttribute("href"));
        Assert.Equal("/organisation/veranstaltungen/4/transkript#speaker-link", cut.Find("form").GetAttribute("action"));
        Assert.Equal("post", cut.Find("form").GetAttribute("method"));
        Assert.Equal(
            [("renew", "Neuen Link erzeugen (alter Link wird ungültig)"), ("revoke", "Link widerrufen")],
            cut.FindAll("button").Select(b => (b.GetAttribute("value"), b.TextContent)));
        Assert.All(cut.FindAll("button"), b => Assert.Equal("SpeakerInput.Command", b.GetAttribute("name")));
        Assert.Empty(cut.FindAll("#speaker-no-link"));
    }

    [Fact]
    public void Without_a_link_it_says_so_and_offers_only_creating_one()
    {
        var cut = RenderSection(null);

        Assert.Equal("Es gibt zurzeit keinen gültigen Link für Referierende.", cut.Find("#speaker-no-link").TextContent);
        Assert.Empty(cut.FindAll("input#speaker-link-url"));
        Assert.Equal([("renew", "Link erzeugen")], cut.FindAll("button").Select(b => (b.GetAttribute("value"), b.TextContent)));
    }

    [Fact]
    public void A_refusal_is_announced()
    {
        var cut = RenderSection(null, "Es gibt keinen gültigen Link, der widerrufen werden könnte.");

        var error = cut.Find("#speaker-link-error");
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Equal("Es gibt keinen gültigen Link, der widerrufen werden könnte.", error.TextContent);
    }

    [Fact]
    public void In_English_every_text_is_English()
    {
        UseLanguage("en");
        var cut = RenderSection(Link);

        Assert.Equal("Link for speakers", cut.Find("h2").TextContent);
        Assert.Contains("whoever has the link can write and publish answers", cut.Find("p.hint").TextContent);
        Assert.Equal("Current link for speakers", cut.Find("label").TextContent);
        Assert.Equal(["Create a new link (the old one stops working)", "Revoke link"], cut.FindAll("button").Select(b => b.TextContent));
        Assert.Equal("Open the follow-up as speakers see it", cut.Find("a#speaker-link-open").TextContent);
    }
}
