using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Polls;

namespace OzgLive.ComponentTests.Polls;

/// <summary>The poll results component with its real texts (PollTexts.resx), German and English.</summary>
public sealed class PollResultsViewTests : BunitContext
{
    private static readonly PollView Voucher = View(
        PollKind.Single, "Haben Sie den Voucher beantragt?", [new(1, "Ja"), new(2, "Nein")],
        new PollResults(1, 4, [new("1", "Ja", 3), new("2", "Nein", 1)], [], []));

    public PollResultsViewTests() => Services.AddLocalization();

    [Theory]
    [InlineData("de-DE", "4 Personen haben geantwortet.", "Antwort", "Stimmen", "75 %")]
    [InlineData("en-GB", "4 people answered.", "Answer", "Votes", "75%")]
    public void A_choice_poll_shows_a_table_and_a_chart_in_the_pages_language(string culture, string respondents, string answer, string votes, string share)
    {
        var view = Show(Voucher, culture, live: true);

        var summary = view.Find(".poll-respondents");
        Assert.Equal(respondents, Text(summary));
        Assert.Equal("polite", summary.GetAttribute("aria-live"));
        Assert.Equal([answer, votes], view.FindAll(".poll-table thead th").Take(2).Select(Text));
        var yes = view.Find("tr[data-key='1']");
        Assert.Equal("Ja", Text(yes.QuerySelector("th")!));
        Assert.Equal("3", Text(yes.QuerySelectorAll("td")[0]));
        Assert.Equal(share, Text(yes.QuerySelectorAll("td")[1]).Replace('\u00A0', ' ').Replace('\u202F', ' '));
        // The chart repeats the table for the eye; screen readers read the table.
        Assert.Equal("true", view.Find("svg.poll-chart").GetAttribute("aria-hidden"));
        Assert.Equal(2, view.FindAll("svg.poll-chart rect.poll-bar").Count);
    }

    [Fact]
    public void A_word_cloud_lists_its_words_with_counts_as_text()
    {
        var cloud = View(PollKind.WordCloud, "Ein Wort?", [], new PollResults(2, 3, [new("personal", "Personal", 3), new("schulung", "Schulung", 1)], [], []));

        var view = Show(cloud, "de-DE");

        Assert.Equal(["Personal: 3", "Schulung: 1"], view.FindAll(".poll-words li").Select(Text));
        Assert.Equal(["Personal", "Schulung"], view.FindAll("svg.poll-cloud text").Select(Text));
        Assert.Null(view.Find(".poll-respondents").GetAttribute("aria-live"));
    }

    [Theory]
    [InlineData("de-DE", "Die Ergebnisse werden gezeigt, sobald die Moderation sie freigibt.")]
    [InlineData("en-GB", "The results will be shown once the moderators reveal them.")]
    public void Hidden_results_say_so_instead_of_showing_numbers(string culture, string text)
    {
        var view = Show(Voucher with { Results = null }, culture);

        Assert.Equal(text, Text(view.Find(".poll-hidden")));
        Assert.Empty(view.FindAll("table"));
    }

    [Fact]
    public void A_rating_shows_its_scale_ends_and_mean()
    {
        var rating = View(PollKind.Rating, "Wie hilfreich?", [], new PollResults(3, 2, [new("1", "1", 0), new("2", "2", 0), new("3", "3", 0), new("4", "4", 1), new("5", "5", 1)], [], [])) with
        {
            ScaleMax = 5, LowLabel = "gar nicht", HighLabel = "sehr",
        };

        var view = Show(rating, "de-DE");

        Assert.Equal("1 = gar nicht, 5 = sehr", Text(view.Find(".poll-scale")));
        Assert.Equal("2 Personen haben geantwortet. Durchschnitt: 4,5", Text(view.Find(".poll-respondents")));
        Assert.Equal(5, view.FindAll(".poll-table tbody tr").Count);
    }

    private static PollView View(PollKind kind, string question, IReadOnlyList<PollOption> options, PollResults results) =>
        new(1, 1, kind, question, options, 3, null, null, null, PollState.Closed, PollResultsMode.Live, true, null, null, null, 3, results);

    private IRenderedComponent<PollResultsView> Show(PollView poll, string culture, bool live = false)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return Render<PollResultsView>(p => p.Add(c => c.Poll, poll).Add(c => c.Live, live));
    }

    private static string Text(AngleSharp.Dom.IElement element) =>
        System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
