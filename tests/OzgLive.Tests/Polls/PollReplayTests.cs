using System.Net;
using System.Text;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Polls;

namespace OzgLive.Tests.Polls;

/// <summary>
/// After the event the polls' results belong to the transcript: the finished demo broadcast shows its
/// polls per block on the replay page, in the print view, the Markdown, CSV and JSON exports and on the
/// printable results page; a poll that was never opened appears nowhere.
/// </summary>
public sealed class PollReplayTests : IAsyncLifetime
{
    private TestApp app = null!;
    private string slug = null!;
    private CookieContainer organiser = null!;

    public async ValueTask InitializeAsync()
    {
        app = await TestApp.StartAsync();
        var ended = (await app.Get<EventStore>().FindBySlugAsync(DemoReplay.Slug))!;
        slug = ended.Slug;
        // Not published yet: the organiser sees the replay as a preview, with the same content.
        organiser = await app.SignInAsync();
        // Prepared after the event and never opened: not part of the results.
        await app.Get<PollService>().PrepareAsync(ended.Id, new PollDraft(1, PollKind.Single, "Nie gestellte Umfrage QWERTZ", ["A", "B"]));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_replay_page_shows_each_blocks_poll_with_its_results_as_a_table_and_a_chart()
    {
        using var client = app.CreateClient(organiser);
        var html = await client.GetStringAsync($"/events/{slug}/replay");

        Assert.Contains("<h2 id=\"polls-heading\">Umfragen</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Block 2: Kostenfreie Digitalisierungsberatungen für jede Kommune", html, StringComparison.Ordinal);
        Assert.Contains("Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?", html, StringComparison.Ordinal);
        // 74 of 149 said yes: the table's row, with its share.
        Assert.Matches("<tr data-key=\"1\"><th scope=\"row\">Ja</th><td>74</td><td>50\\s?%</td></tr>", html);
        Assert.Contains("149 Personen haben geantwortet.", html, StringComparison.Ordinal);
        Assert.Contains("class=\"poll-chart\"", html, StringComparison.Ordinal);
        // The word cloud's words as text: "Personal" was named by 31 + 22 + 18 viewers.
        Assert.Contains("<li data-key=\"personal\">Personal: 71</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("QWERTZ</h4>", html, StringComparison.Ordinal);
        Assert.Contains($"/events/{slug}/replay/umfragen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_and_print_views_carry_the_same_results()
    {
        using var client = app.CreateClient(organiser);
        var replay = $"/events/{slug}/replay";

        var markdown = await client.GetStringAsync($"{replay}/transcript.md");
        Assert.Contains("\n## Umfragen\n\n### Block 1: Umsetzungsvereinbarung zwischen Land und kommunalen Spitzenverbänden\n\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n### Block 2: Kostenfreie Digitalisierungsberatungen für jede Kommune\n\n#### Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?\n", markdown, StringComparison.Ordinal);
        Assert.Matches("- Ja: 74 \\(50\\s?%\\)\n", markdown);
        Assert.EndsWith("\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", markdown, StringComparison.Ordinal);

        var json = JsonDocument.Parse(await client.GetStringAsync($"{replay}/transcript.json")).RootElement;
        var polls = json.GetProperty("polls");
        Assert.Equal(3, polls.GetArrayLength());
        var voucher = polls[1];
        Assert.Equal(2, voucher.GetProperty("blockNumber").GetInt32());
        Assert.Equal(149, voucher.GetProperty("respondents").GetInt32());
        Assert.Equal([74, 52, 23], voucher.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("count").GetInt32()));
        Assert.Equal("wordCloud", polls[2].GetProperty("kind").GetString());

        var csvResponse = await client.GetAsync($"{replay}/polls.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal($"{slug}-umfragen.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("Datum;Block;Blocktitel;Umfrage;Art;Teilnehmende;Antwort;Anzahl\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(";2;Kostenfreie Digitalisierungsberatungen für jede Kommune;Haben Sie den Voucher für die Digitalisierungsberatung schon beantragt?;Einfachauswahl;149;Ja;74\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("QWERTZ", csv, StringComparison.Ordinal);

        var print = await client.GetStringAsync($"{replay}/print");
        Assert.Contains("class=\"poll-section print-polls\"", print, StringComparison.Ordinal);
        Assert.Matches("<tr data-key=\"2\"><th scope=\"row\">Noch nicht, aber geplant</th><td>52</td>", print);

        var results = await client.GetStringAsync($"{replay}/umfragen");
        Assert.Contains("<h2 id=\"polls-heading\">Ergebnisse der Umfragen</h2>", results, StringComparison.Ordinal);
        Assert.Contains("Gibt es in Ihrer Kommune eine Ansprechperson für die OZG-Umsetzung?", results, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_broadcast_has_a_prepared_poll_per_block_that_viewers_do_not_see_yet()
    {
        var live = (await app.Get<EventStore>().FindBySlugAsync(DemoContent.SpotOnOzgSlug))!;
        var polls = await app.Get<PollStore>().ListAsync(live.Id);

        Assert.Equal([1, 2, 3], polls.Select(p => p.BlockNumber ?? 0));
        Assert.All(polls, p => Assert.Equal(PollState.Prepared, p.State));
        await using var viewer = await app.ConnectAsync();
        var snapshot = await viewer.InvokeAsync("JoinEvent", live.Slug);
        Assert.Empty(snapshot.GetProperty("polls").EnumerateArray());
    }
}
