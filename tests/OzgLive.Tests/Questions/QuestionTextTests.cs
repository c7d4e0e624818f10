using Microsoft.Extensions.Options;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

public sealed class QuestionTextTests
{
    [Theory]
    [InlineData("  Wo beantrage ich den Voucher?  ", "Wo beantrage ich den Voucher?")]
    [InlineData("Wo\tbeantrage\r\n\r\nich   den\u00a0Voucher?", "Wo beantrage ich den Voucher?")]
    [InlineData("Fra\u0000ge\u0007 mit Steuerzeichen", "Frage mit Steuerzeichen")]
    [InlineData("Text mit \u202Eumgedrehter\u202C Richtung", "Text mit umgedrehter Richtung")]
    [InlineData("Null\u200Bbreites Leerzeichen", "Nullbreites Leerzeichen")]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")]
    [InlineData("Gesch\u0061\u0308ft", "Geschäft")]
    public void Clean_collapses_whitespace_and_removes_control_and_invisible_characters(string input, string expected) =>
        Assert.Equal(expected, QuestionText.Clean(input));

    [Fact]
    public void Length_counts_an_emoji_as_one_character() =>
        Assert.Equal(4, QuestionText.Length("Ja 👍"));
}

public sealed class HeldWordsTests
{
    private static HeldWords Defaults() => new(Options.Create(new QuestionOptions()));

    [Theory]
    [InlineData("Das ist doch Scheiße, wann kommt das Geld?", "scheiß*")]
    [InlineData("SCHEISS Bürokratie", "scheiss*")]
    [InlineData("Der Referent ist ein Vollidiot", "vollidiot*")]
    [InlineData("Halt die Fresse!", "halt die fresse")]
    public void Words_on_the_default_list_are_found_whatever_their_case(string text, string entry) =>
        Assert.Equal(entry, Defaults().Match(text));

    [Theory]
    [InlineData("Wo beantrage ich den Voucher für die Digitalisierungsberatung?")]
    [InlineData("Wie gelingt Digitalisierung trotz Personalmangel?")]
    [InlineData("Welche Fördermöglichkeiten gibt es für kleine Kommunen?")]
    [InlineData("Gibt es eine Frist für die Umsetzungsvereinbarung?")]
    public void Ordinary_questions_are_not_held(string text) => Assert.Null(Defaults().Match(text));

    [Fact]
    public void A_configured_list_replaces_the_defaults()
    {
        var words = new HeldWords(Options.Create(new QuestionOptions { HeldWords = ["werbung", "gewinnspiel*"] }));
        Assert.Equal("werbung", words.Match("Bitte keine Werbung hier"));
        Assert.Equal("gewinnspiel*", words.Match("Großes Gewinnspielangebot"));
        Assert.Null(words.Match("Das ist Scheiße"));
        Assert.Null(words.Match("Werbungskosten"));
    }
}

public sealed class RateLimitsTests
{
    [Fact]
    public async Task A_key_allows_its_limit_per_minute_and_recovers_as_the_window_slides()
    {
        var time = TestApp.NewClock();
        var limits = new RateLimits(time, TestMetrics.Create(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await limits.TryAcquireAsync(("q", "a", 5)));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.False(await limits.TryAcquireAsync(("q", "a", 5)));
        Assert.True(await limits.TryAcquireAsync(("q", "b", 5)));

        time.Advance(TimeSpan.FromSeconds(55)); // the first call is now exactly a minute old, the second not yet
        Assert.True(await limits.TryAcquireAsync(("q", "a", 5)));
        Assert.False(await limits.TryAcquireAsync(("q", "a", 5)));
    }

    [Fact]
    public async Task A_refused_call_counts_against_no_key()
    {
        var limits = new RateLimits(TestApp.NewClock(), TestMetrics.Create(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.True(await limits.TryAcquireAsync(("viewer", "1", 1), ("address", "a", 3)));
        Assert.False(await limits.TryAcquireAsync(("viewer", "1", 1), ("address", "a", 3)));
        Assert.True(await limits.TryAcquireAsync(("viewer", "2", 1), ("address", "a", 3)));
        Assert.True(await limits.TryAcquireAsync(("viewer", "3", 1), ("address", "a", 3)));
        Assert.False(await limits.TryAcquireAsync(("viewer", "4", 1), ("address", "a", 3)));
    }
}
