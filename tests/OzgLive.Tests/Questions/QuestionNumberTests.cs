using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Replay;

namespace OzgLive.Tests.Questions;

/// <summary>
/// One number per question and event (#1, #2, … in ask order, never reused), the same on every
/// screen and in every file (issue 11): moderators and organisers refer to the same question.
/// </summary>
public sealed class QuestionNumberTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Questions_are_numbered_per_event_in_ask_order_and_a_number_is_never_given_twice()
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var elsewhere = await fixture.ViewerAsync(other, "elsewhere");

        var first = await author.InvokeAsync("AskQuestion", ev.Id, Ask("Erste Frage zur Nummerierung?"));
        var second = await author.InvokeAsync("AskQuestion", ev.Id, Ask("Zweite Frage zur Nummerierung?"));
        await author.InvokeAsync("WithdrawQuestion", ev.Id, second.Id());
        var third = await author.InvokeAsync("AskQuestion", ev.Id, Ask("Dritte Frage nach dem Zurückziehen?"));
        var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = "Frage per E-Mail zur Nummerierung?", source = "email", blockNumber = (int?)null });
        var otherFirst = await elsewhere.InvokeAsync("AskQuestion", other.Id, Ask("Erste Frage der anderen Sendung?"));

        Assert.Equal([1, 2, 3, 4], new[] { first, second, third, added }.Select(Number));
        Assert.Equal(1, Number(otherFirst));
        // Every record of the question carries it: the moderators' queue and the author's own list.
        var queue = (await moderator.SnapshotAsync(ev.Id)).GetProperty("queue");
        Assert.Equal(3, Number(queue.Find(third.Id())));
        Assert.Equal(2, Number(queue.Find(second.Id())));
        var mine = (await author.SnapshotAsync(ev.Id)).GetProperty("myQuestions");
        Assert.Equal(1, Number(mine.Find(first.Id())));
        var announced = await moderator.Client.WaitForAsync("QueueChanged", m => m.GetProperty("questions")[0].Id() == added.Id());
        Assert.Equal(4, Number(announced.GetProperty("questions")[0]));
        // The asker's private link shows it too.
        var link = await fixture.App.CreateClient().GetStringAsync("/fragen/" + third.GetProperty("followKey").GetString());
        Assert.Contains("Frage #3 dieser Veranstaltung", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_question_has_the_same_number_in_the_review_the_replay_the_exports_and_the_printout()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app);
        using var http = app.CreateClient();
        using var organiser = app.CreateClient(await app.SignInAsync());
        var slug = ReplayScenario.Slug;

        // Asked in this order in the scenario: the answered question is #1, the open one #2.
        var replay = await http.GetStringAsync(scenario.Path);
        var review = await organiser.GetStringAsync($"/organisation/veranstaltungen/{scenario.EventId}/transkript");
        var markdown = await http.GetStringAsync($"/events/{slug}/replay/transcript.md");
        var csv = await http.GetStringAsync($"/events/{slug}/replay/transcript.csv");
        var json = JsonDocument.Parse(await http.GetStringAsync($"/events/{slug}/replay/transcript.json")).RootElement;
        var print = await http.GetStringAsync($"/events/{slug}/replay/print");

        Assert.StartsWith("Frage #2</span>", Between(replay, "question-number\">", ReplayScenario.OpenText, before: false), StringComparison.Ordinal);
        Assert.Contains("Frage 2", Between(review, "Frage ", ReplayScenario.OpenText, before: true), StringComparison.Ordinal);
        Assert.Contains("### Frage 2\n\n> " + ReplayScenario.OpenText, markdown, StringComparison.Ordinal);
        // The number column, then the channel column issue 12 added after it.
        Assert.EndsWith(";2;Live-Seite", csv.Split("\r\n").Single(line => line.Contains(ReplayScenario.OpenText, StringComparison.Ordinal)), StringComparison.Ordinal);
        var questions = json.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(1, questions.Single(q => q.GetProperty("text").GetString() == ReplayScenario.AnsweredText).GetProperty("number").GetInt32());
        Assert.Equal(2, questions.Single(q => q.GetProperty("text").GetString() == ReplayScenario.OpenText).GetProperty("number").GetInt32());
        Assert.Contains("value=\"2\"", Between(print, "<li class=\"print-question\"", ReplayScenario.OpenText, before: true), StringComparison.Ordinal);
        Assert.Contains("value=\"1\"", Between(print, "<li class=\"print-question\"", ReplayScenario.AnsweredText, before: true), StringComparison.Ordinal);
    }

    private static object Ask(string text) =>
        new { clientId = "c" + Guid.NewGuid().ToString("N"), text, displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null };

    private static int Number(JsonElement question) => question.GetProperty("number").GetInt32();

    /// <summary>
    /// The markup from the last <paramref name="marker"/> before <paramref name="text"/> up to the text,
    /// or (not <paramref name="before"/>) from just after the first <paramref name="marker"/> following it.
    /// </summary>
    private static string Between(string html, string marker, string text, bool before)
    {
        var at = html.IndexOf(System.Net.WebUtility.HtmlEncode(text), StringComparison.Ordinal);
        if (at < 0)
        {
            at = html.IndexOf(text, StringComparison.Ordinal);
        }

        Assert.True(at >= 0, $"\"{text}\" is not on the page.");
        if (!before)
        {
            var after = html.IndexOf(marker, at, StringComparison.Ordinal);
            Assert.True(after >= 0, $"No \"{marker}\" after \"{text}\".");
            return html[(after + marker.Length)..];
        }

        var start = html.LastIndexOf(marker, at, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No \"{marker}\" before \"{text}\".");
        return html[start..at];
    }
}
