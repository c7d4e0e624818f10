using OzgLive.Web.Events;

namespace OzgLive.Tests.Events;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Spot on OZG HE", "spot-on-ozg-he")]
    [InlineData("Spot on OZG: Hessen – Förderung", "spot-on-ozg-hessen-foerderung")]
    [InlineData("Größere Übersicht für Ämter", "groessere-uebersicht-fuer-aemter")]
    [InlineData("ÄÖÜ äöü ß", "aeoeue-aeoeue-ss")]
    [InlineData("Straße der Einheit", "strasse-der-einheit")]
    [InlineData("  #MultiplikatorenFürOZG!  ", "multiplikatorenfuerozg")]
    [InlineData("Café à la carte, naïve", "cafe-a-la-carte-naive")]
    [InlineData("OZG 3x30 Minuten -- 2022", "ozg-3x30-minuten-2022")]
    [InlineData("Social-Media / Kommunikation", "social-media-kommunikation")]
    public void Titles_become_readable_ascii_slugs(string title, string expected)
    {
        var slug = Slugs.FromTitle(title);

        Assert.Equal(expected, slug);
        Assert.True(Slugs.IsValid(slug));
    }

    [Fact]
    public void Long_titles_are_cut_to_the_maximum_without_a_trailing_hyphen()
    {
        var slug = Slugs.FromTitle(string.Join(' ', Enumerable.Repeat("Verwaltungsdigitalisierung", 10)));

        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
        Assert.True(Slugs.IsValid(slug));
    }

    [Fact]
    public void A_title_without_letters_or_digits_gives_no_slug()
    {
        Assert.Equal("", Slugs.FromTitle("–– !!! ––"));
        Assert.False(Slugs.IsValid(Slugs.FromTitle("–– !!! ––")));
    }

    [Theory]
    [InlineData("spot-on-ozg-he", true)]
    [InlineData("abc", true)]
    [InlineData("a1-b2", true)]
    [InlineData("ab", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Spot-on", false)]
    [InlineData("spot--on", false)]
    [InlineData("-spot", false)]
    [InlineData("spot-", false)]
    [InlineData("spot on", false)]
    [InlineData("förderung", false)]
    [InlineData("spot_on", false)]
    [InlineData("../admin", false)]
    public void IsValid_accepts_lowercase_words_joined_by_single_hyphens(string? slug, bool valid)
    {
        Assert.Equal(valid, Slugs.IsValid(slug));
    }

    [Fact]
    public void IsValid_refuses_slugs_longer_than_the_maximum()
    {
        Assert.True(Slugs.IsValid(new string('a', Slugs.MaxLength)));
        Assert.False(Slugs.IsValid(new string('a', Slugs.MaxLength + 1)));
    }
}
