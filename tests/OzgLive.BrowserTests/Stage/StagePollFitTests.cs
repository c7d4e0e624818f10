using System.Globalization;
using OzgLive.BrowserTests.Moderation;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using static Microsoft.Playwright.Assertions;

namespace OzgLive.BrowserTests.Stage;

/// <summary>Issue 14 on the presenter screen: an open poll with revealed results still fits one screen, beside a question on stage and a note.</summary>
public sealed class StagePollFitTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_open_poll_with_six_options_and_its_results_fits_at_720p_and_1080p()
    {
        await using var app = await TestApp.StartAsync();
        await using var presenter = await PresenterSetup.StartAsync(app);
        var (organiser, eventId) = (presenter.Organiser, presenter.EventId);
        await organiser.InvokeAsync("SendBackstageMessage", eventId, "Nach der Umfrage bitte die Ergebnisse kurz einordnen.");

        var polls = app.Get<PollService>();
        var poll = await polls.PrepareAsync(eventId, new PollDraft(null, PollKind.Single,
            "Welche Unterstützung brauchen Sie am dringendsten, um die Digitalisierungsberatung in Ihrer Kommune zu nutzen?",
            ["Personal", "Schulungen für Mitarbeitende", "Fördermittel", "Technische Infrastruktur", "Austausch mit anderen Kommunen", "Rechtliche Klarheit"]));
        // With a time limit: its countdown takes a line too.
        await organiser.PollAsync("OpenPoll", eventId, poll.Id, 600);
        for (var i = 0; i < 6; i++)
        {
            await polls.AnswerAsync(new Caller($"viewer-{i}", "127.0.0.1", $"viewer:viewer-{i}"), eventId, poll.Id, new PollAnswer([1 + (i % 4)], null, null, null), replace: false);
        }

        await organiser.PollAsync("RevealPollResults", eventId, poll.Id, true);

        await CheckFitAsync(presenter, "poll");

        // A question on stage as well: the two side by side.
        var staged = await organiser.InvokeAsync("AddQuestion", eventId, new { text = "Wie gelingt es, die Online-Dienste schnell und verlässlich in allen hessischen Kommunen bereitzustellen?", displayName = "Dr. Jana Beispiel", organisation = "Stadt Wetzlar", source = "onSite", blockNumber = (int?)null });
        await organiser.InvokeAsync("StageQuestion", eventId, staged.GetProperty("id").GetInt64(), staged.GetProperty("version").GetInt64());
        await CheckFitAsync(presenter, "poll-and-question");
    }

    private async Task CheckFitAsync(PresenterSetup presenter, string name)
    {
        foreach (var (width, height) in new[] { (1280, 720), (1920, 1080) })
        {
            await using var visit = await browser.VisitAsync(width, height);
            await presenter.OpenAsync(visit.Page);
            await Expect(visit.Page.Locator("#stage-poll .poll-respondents")).ToHaveTextAsync("6 Personen haben geantwortet.");
            await Expect(visit.Page.Locator("#stage-poll tr[data-key='1'] td").First).ToHaveTextAsync("2");
            var fit = await visit.Page.EvaluateAsync<double[]>(
                """
                () => {
                  const root = document.documentElement;
                  const bottom = s => document.querySelector(s)?.getBoundingClientRect().bottom ?? 0;
                  return [root.scrollHeight, innerHeight, root.scrollWidth, innerWidth, bottom('#stage-poll .poll-table'), bottom('.stage-asker'),
                          parseFloat(getComputedStyle(document.querySelector('#stage-poll .poll-table')).fontSize), bottom('#stage-poll')];
                }
                """);
            // Kept before the checks: a screen that does not fit is the picture worth seeing.
            await visit.ScreenshotAsync($"presenter-{name}-{width}x{height}");
            var scrolls = fit[0] > fit[1] || fit[2] > fit[3];
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Presenter screen, {name}, at {width}x{height}: {(scrolls ? "scrolls" : "does not scroll")} (content {fit[0]}x{fit[2]} px, results table ends at {fit[4]:0}, asker at {fit[5]:0}, table text {fit[6]:0} px)"));
            Assert.False(scrolls, $"The presenter screen scrolls at {width}x{height}.");
            // The section clips what does not fit (overflow: hidden): the table must end inside it.
            Assert.True(fit[4] > 0 && fit[4] <= fit[7] && fit[7] <= height && fit[5] <= height, $"The results or the asker are cut off at {width}x{height}.");
        }
    }
}
