using System.Globalization;
using OzgLive.Web.Events;

namespace OzgLive.ComponentTests.Layout;

/// <summary>Dates on the pages: the page's language, always Berlin's clock.</summary>
public sealed class BerlinDateTests
{
    private static readonly DateTimeOffset SummerMorning = new(2022, 3, 31, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WinterEvening = new(2026, 1, 15, 17, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("de-DE", "Donnerstag, 31. März 2022, 10:00 Uhr", "Donnerstag, 15. Januar 2026, 18:30 Uhr")]
    [InlineData("en-GB", "Thursday 31 March 2022, 10:00", "Thursday 15 January 2026, 18:30")]
    // Only English is offered besides German; any other language reads German, the site's default.
    [InlineData("fr-FR", "Donnerstag, 31. März 2022, 10:00 Uhr", "Donnerstag, 15. Januar 2026, 18:30 Uhr")]
    public void Long_dates_are_in_the_pages_language_and_Berlin_time(string culture, string summer, string winter)
    {
        var language = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(summer, BerlinTime.LongDateTime(SummerMorning, language));
        Assert.Equal(winter, BerlinTime.LongDateTime(WinterEvening, language));
    }

    [Fact]
    public void Short_dates_in_both_languages()
    {
        Assert.Equal("31. März 2022", BerlinTime.Date(SummerMorning, CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("31 March 2022", BerlinTime.Date(SummerMorning, CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("21. November 2026", BerlinTime.Date(new DateOnly(2026, 11, 21), CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("21 November 2026", BerlinTime.Date(new DateOnly(2026, 11, 21), CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public void Midnight_in_Berlin_is_the_next_day_even_though_it_is_the_previous_day_in_utc()
    {
        var justAfterMidnightInBerlin = new DateTimeOffset(2026, 7, 1, 22, 15, 0, TimeSpan.Zero);

        Assert.Equal("Thursday 2 July 2026, 00:15", BerlinTime.LongDateTime(justAfterMidnightInBerlin, CultureInfo.GetCultureInfo("en-GB")));
    }
}
