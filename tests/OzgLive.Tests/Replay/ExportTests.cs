using System.Net;
using System.Text.Json;
using System.Text;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>
/// The transcript downloads (Markdown, CSV, JSON) and the print view, read back the way their users
/// read them: the CSV parsed as Excel would, the JSON parsed, the Markdown and the page as text.
/// Every event here is driven through the real hub from start to end.
/// </summary>
public sealed class ExportTests : IAsyncLifetime
{
    // An app of its own per test: each event here starts at 10:00 Berlin on 31 March 2026, the
    // start of a fresh fake clock, which (unlike a wall clock set by hand) never goes back.
    private readonly QuestionFixture fixture = new();

    /// <summary>What a review edit can leave in a question: the separator, quotes, a line break, a leading formula sign, umlauts.</summary>
    private const string TrickyText = "=SUMME(A1;A2) – „Förderung“ für \"Gießen\";\nzweite Zeile: Übergänge?";

    private const string RejectedText = "Abgelehnter Text XYZZY mit Telefonnummer 0611 123456";
    private const string HiddenText = "Ausgeblendete Frage QWERTZ mit persönlichen Angaben";
    private const int Offset = 60;

    public ValueTask InitializeAsync() => fixture.InitializeAsync();

    public ValueTask DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Csv_opens_in_German_Excel_with_BOM_semicolons_CRLF_quoting_and_defused_formulas()
    {
        var ended = await PublishedEventAsync();

        using var response = await fixture.App.CreateClient().GetAsync($"/events/{ended.Event.Slug}/replay/transcript.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        AssertAttachment(response, ended.Event.Slug, ".csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        Assert.Equal(
            ["Datum der Veranstaltung", "Block", "Blocktitel", "Frage", "Name", "Organisation", "Stimmen", "Stand",
                "Zeit in der Aufzeichnung", "Schriftliche Antwort", "Antwort von", "Antwort am", "Nr.", "Kanal"],
            rows[0]);
        Assert.Equal(3, rows.Count); // header + the answered and the open question; hidden and rejected ones are not there
        // Issue 11 added the question's number, issue 12 the channel after it; the twelve before them are as they were.
        Assert.All(rows, r => Assert.Equal(14, r.Count));

        var answered = rows.Single(r => r[3].Contains("SUMME", StringComparison.Ordinal));
        // The leading apostrophe keeps Excel from running the viewer's text as a formula; the rest is exact.
        Assert.Equal("'" + TrickyText, answered[3]);
        Assert.Equal(("2026-03-31", "1", "Themenblock 1"), (answered[0], answered[1], answered[2]));
        Assert.Equal(("Jörg Müller", "Stadt Gießen"), (answered[4], answered[5]));
        Assert.Equal(("1", "Live beantwortet"), (answered[6], answered[7]));
        // Staged 16:52 after the stream start; the recording began a minute earlier.
        Assert.Equal("17:52", answered[8]);
        Assert.Equal(("Ja; mit \"Gutschein\".", "2026-03-31"), (answered[9], answered[11]));

        var open = rows.Single(r => r[3] == "Wie digitalisieren wir trotz Personalmangel?");
        Assert.Equal(("", "", "Offen", ""), (open[4], open[5], open[7], open[8]));
    }

    [Fact]
    public async Task Csv_header_follows_the_chosen_language()
    {
        var ended = await PublishedEventAsync();

        var bytes = await fixture.App.CreateClient().GetByteArrayAsync($"/events/{ended.Event.Slug}/replay/transcript.csv?lang=en");
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        Assert.Equal("Date of the event", rows[0][0]);
        Assert.Equal("Answered live", rows.Single(r => r[3].Contains("SUMME", StringComparison.Ordinal))[7]);
    }

    [Fact]
    public async Task Json_has_the_documented_shape_with_recording_positions()
    {
        var ended = await PublishedEventAsync();

        using var response = await fixture.App.CreateClient().GetAsync($"/events/{ended.Event.Slug}/replay/transcript.json");

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        AssertAttachment(response, ended.Event.Slug, ".json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(("ozglive-transcript", 1), (root.GetProperty("format").GetString(), root.GetProperty("formatVersion").GetInt32()));

        var ev = root.GetProperty("event");
        Assert.Equal(ended.Event.Slug, ev.GetProperty("slug").GetString());
        Assert.Equal("Spot on OZG Fragerunde", ev.GetProperty("title").GetString());
        Assert.Equal("2026-03-31", ev.GetProperty("date").GetString());
        Assert.Equal($"{fixture.App.BaseAddress.ToString().TrimEnd('/')}/events/{ended.Event.Slug}/replay", ev.GetProperty("replayUrl").GetString());
        Assert.Equal(Offset, ev.GetProperty("offsetSeconds").GetInt32());
        Assert.False(ev.GetProperty("preview").GetBoolean());

        var chapter = Assert.Single(root.GetProperty("chapters").EnumerateArray());
        // Block 1 started 05:12 into the stream, ended at 23:12; plus the minute of recording before the stream.
        Assert.Equal((1, "Themenblock 1", 312 + Offset, 1392 + Offset, "06:12"),
            (chapter.GetProperty("blockNumber").GetInt32(), chapter.GetProperty("title").GetString(), chapter.GetProperty("startSeconds").GetInt32(),
                chapter.GetProperty("endSeconds").GetInt32(), chapter.GetProperty("start").GetString()));

        var summary = root.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("received").GetInt32());
        Assert.Equal((1, 0, 1, 1), (summary.GetProperty("answeredLive").GetInt32(), summary.GetProperty("answeredInWriting").GetInt32(),
            summary.GetProperty("open").GetInt32(), summary.GetProperty("hiddenInReview").GetInt32()));
        Assert.Equal((1, 1), (summary.GetProperty("rejected").GetProperty("total").GetInt32(), summary.GetProperty("rejected").GetProperty("offTopic").GetInt32()));

        var questions = root.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(2, questions.Count);
        var answered = questions.Single(q => q.GetProperty("id").GetInt64() == ended.Answered);
        Assert.Equal(TrickyText, answered.GetProperty("text").GetString());
        Assert.Equal(("answeredLive", 1012 + Offset, "17:52"),
            (answered.GetProperty("outcome").GetString(), answered.GetProperty("recordingSeconds").GetInt32(), answered.GetProperty("recordingTime").GetString()));
        Assert.Equal("Ja; mit \"Gutschein\".", answered.GetProperty("answer").GetProperty("text").GetString());
        var open = questions.Single(q => q.GetProperty("id").GetInt64() == ended.Open);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("displayName").ValueKind);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("recordingSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("answer").ValueKind);
    }

    [Fact]
    public async Task Markdown_has_title_Berlin_date_link_summary_chapters_and_each_question_with_its_moment()
    {
        var ended = await PublishedEventAsync();

        using var response = await fixture.App.CreateClient().GetAsync($"/events/{ended.Event.Slug}/replay/transcript.md");

        Assert.Equal("text/markdown; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        AssertAttachment(response, ended.Event.Slug, ".md");
        var md = await response.Content.ReadAsStringAsync();
        var lines = md.Split('\n');
        Assert.Equal("# Fragen und Antworten: Spot on OZG Fragerunde", lines[0]);
        // The stream started at 08:00 UTC on 31 March 2026: 10:00 in Berlin (summer time).
        Assert.Contains("- Datum: Dienstag, 31. März 2026, 10:00 Uhr", lines);
        Assert.Contains($"- Aufzeichnung und Antworten: <{fixture.App.BaseAddress.ToString().TrimEnd('/')}/events/{ended.Event.Slug}/replay>", lines);
        Assert.Contains("- Eingegangene Fragen: 4", lines);
        Assert.Contains("- Live beantwortet: 1", lines);
        Assert.Contains("- Abgelehnt: nicht zum Thema: 1", lines);
        Assert.Contains("- 06:12 Block 1: Themenblock 1", lines);
        Assert.Contains("## Block 1: Themenblock 1 (ab 06:12 in der Aufzeichnung)", lines);
        Assert.Contains("## Block 2: Themenblock 2", lines);
        // The viewer's text cannot become Markdown: the leading '=' and quotes stay text, each line quoted.
        Assert.Contains("> \\=SUMME(A1;A2) – „Förderung“ für \"Gießen\";  ", lines);
        Assert.Contains("> zweite Zeile: Übergänge?", lines);
        Assert.Contains("- Gefragt von: Jörg Müller, Stadt Gießen", lines);
        Assert.Contains("- In der Aufzeichnung bei: 17:52", lines);
        Assert.Contains("- Stand: Offen", lines);
        Assert.Contains("> Ja; mit \"Gutschein\".", lines);
    }

    [Fact]
    public async Task Hidden_and_rejected_questions_never_appear_in_any_export_or_the_print_view()
    {
        var ended = await PublishedEventAsync();
        var client = fixture.App.CreateClient();

        foreach (var path in new[] { "transcript.md", "transcript.csv", "transcript.json", "print" })
        {
            var text = await client.GetStringAsync($"/events/{ended.Event.Slug}/replay/{path}");
            Assert.Contains("Personalmangel", text);
            Assert.DoesNotContain("XYZZY", text);
            Assert.DoesNotContain("QWERTZ", text);
            Assert.DoesNotContain("Versteckt Vorname", text);
        }
    }

    [Fact]
    public async Task Before_publishing_exports_and_print_view_are_404_for_the_public_and_uncacheable_previews_for_staff()
    {
        var ended = await EndedEventAsync();
        var paths = new[] { "transcript.md", "transcript.csv", "transcript.json", "print" };

        var anonymous = fixture.App.CreateClient();
        foreach (var path in paths)
        {
            using var response = await anonymous.GetAsync($"/events/{ended.Event.Slug}/replay/{path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Personalmangel", await response.Content.ReadAsStringAsync());
        }

        var foreign = await fixture.App.CreateModeratorAsync($"fremd-{Guid.NewGuid():N}@test.local");
        var foreignClient = fixture.App.CreateClient(await fixture.App.SignInAsync(foreign.Email, TestApp.OrganiserPassword));
        Assert.Equal(HttpStatusCode.NotFound, (await foreignClient.GetAsync($"/events/{ended.Event.Slug}/replay/transcript.csv")).StatusCode);

        foreach (var cookies in new[] { await fixture.App.SignInAsync(), await fixture.ModeratorCookiesAsync(ended.Event.Id) })
        {
            var staff = fixture.App.CreateClient(cookies);
            foreach (var path in paths)
            {
                using var response = await staff.GetAsync($"/events/{ended.Event.Slug}/replay/{path}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                // The signed-in page carries a sign-out form, whose antiforgery token makes it "no-cache, no-store": as good.
                Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false }, $"{path}: Cache-Control {response.Headers.CacheControl}");
                Assert.Contains("Personalmangel", await response.Content.ReadAsStringAsync());
            }

            using var json = JsonDocument.Parse(await staff.GetStringAsync($"/events/{ended.Event.Slug}/replay/transcript.json"));
            Assert.True(json.RootElement.GetProperty("event").GetProperty("preview").GetBoolean());
        }
    }

    [Fact]
    public async Task Unknown_events_and_events_that_have_not_ended_have_no_exports()
    {
        var scheduled = await fixture.CreateEventAsync();
        var organiser = fixture.App.CreateClient(await fixture.App.SignInAsync());

        foreach (var slug in new[] { scheduled.Slug, "gibt-es-nicht" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/events/{slug}/replay/transcript.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/events/{slug}/replay/print")).StatusCode);
        }
    }

    [Fact]
    public async Task A_published_export_can_be_revalidated_and_changes_its_tag_when_the_transcript_changes()
    {
        var ended = await PublishedEventAsync();
        var client = fixture.App.CreateClient();
        var path = $"/events/{ended.Event.Slug}/replay/transcript.json";

        using var first = await client.GetAsync(path);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { etag } } };
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        await using (var connection = fixture.App.Get<Database>().Open())
        {
            await connection.ExecuteAsync("UPDATE transcripts SET version = version + 1 WHERE event_id = @Id", new { ended.Event.Id });
        }

        using var changed = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { etag } } };
        using var response = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag);
    }

    [Fact]
    public async Task Print_view_is_a_plain_page_without_video_or_scripts_with_the_full_QA_by_block()
    {
        var ended = await PublishedEventAsync();

        using var response = await fixture.App.CreateClient().GetAsync($"/events/{ended.Event.Slug}/replay/print");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"de\">", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("youtube", html, StringComparison.OrdinalIgnoreCase);
        // The print stylesheet, under its fingerprinted URL (css/print.<fingerprint>.css).
        Assert.Matches("href=\"css/print\\.[a-z0-9]{10}\\.css\"", html);
        Assert.Contains("<h1>Fragen und Antworten: Spot on OZG Fragerunde</h1>", html);
        Assert.Contains("Block 1: Themenblock 1", html);
        Assert.Contains("(ab 06:12 in der Aufzeichnung)", html);
        Assert.Contains("17:52", html);
        Assert.Contains("Jörg Müller, Stadt Gießen", html);
        Assert.Contains("=SUMME(A1;A2)", html);
        Assert.True(response.Headers.CacheControl is { Public: true, NoCache: true, NoStore: false }, $"Cache-Control {response.Headers.CacheControl}");
    }

    private static void AssertAttachment(HttpResponseMessage response, string slug, string extension)
    {
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"{slug}-fragen-und-antworten{extension}", disposition.FileName!.Trim('"'));
    }

    private async Task<EndedEvent> PublishedEventAsync()
    {
        var ended = await EndedEventAsync();
        await using var connection = fixture.App.Get<Database>().Open();
        await connection.ExecuteAsync(
            "UPDATE events SET status = 'published', published_utc = @now WHERE id = @Id",
            new { ended.Event.Id, now = fixture.App.Time.GetUtcNow() });
        return ended;
    }

    /// <summary>
    /// An event from start to end through the hub: block 1 at 05:12 with one question answered live
    /// (staged 16:52) and one left open; a rejected and a hidden one; then the review's edits.
    /// </summary>
    private async Task<EndedEvent> EndedEventAsync()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var time = fixture.App.Time;
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.Zero), time.GetUtcNow());

        await moderator.ClockAsync("StartEvent", ev.Id);
        time.Advance(TimeSpan.FromSeconds(312));
        await moderator.ClockAsync("StartBlock", ev.Id, 1);
        time.Advance(TimeSpan.FromSeconds(600));
        var asked = await viewer.AskAsync(ev.Id, "Platzhalter für die Frage mit Sonderzeichen", displayName: "Jörg Müller", organisation: "Stadt Gießen");
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        await using (var voter = await fixture.ViewerAsync(ev, "voter"))
        {
            await voter.InvokeAsync("Vote", ev.Id, asked.Id(), true);
        }

        time.Advance(TimeSpan.FromSeconds(100));
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, asked.Id());
        time.Advance(TimeSpan.FromSeconds(120));
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, asked.Id(), "Ja; mit \"Gutschein\".");
        var open = await fixture.ApprovedAsync(ev, viewer, moderator, "Wie digitalisieren wir trotz Personalmangel?");
        var hidden = await viewer.AskAsync(ev.Id, HiddenText, displayName: "Versteckt Vorname");
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, hidden.Id());
        var rejected = await viewer.AskAsync(ev.Id, RejectedText);
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejected.Id(), "offTopic");
        time.Advance(TimeSpan.FromSeconds(260));
        await moderator.ClockAsync("EndBlock", ev.Id);
        time.Advance(TimeSpan.FromSeconds(30));
        await moderator.ClockAsync("EndEvent", ev.Id);

        await using var connection = fixture.App.Get<Database>().Open();
        // The review: the edit brings back what asking had collapsed (a line break), one question is hidden.
        await connection.ExecuteAsync("UPDATE transcript_questions SET text = @TrickyText, text_edited = 1 WHERE question_id = @id", new { TrickyText, id = asked.Id() });
        await connection.ExecuteAsync("UPDATE transcript_questions SET hidden = 1 WHERE question_id = @id", new { id = hidden.Id() });
        await connection.ExecuteAsync("UPDATE events SET replay_offset_seconds = @Offset WHERE id = @Id", new { Offset, ev.Id });
        return new EndedEvent(ev, asked.Id(), open.Id());
    }

    private sealed record EndedEvent(TestEvent Event, long Answered, long Open);
}

/// <summary>RFC 4180 as German Excel reads it: ';' between cells, CRLF between rows, quoted cells may hold both.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    continue;
                }

                cell.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    i++;
                    break;
                case '"':
                    throw new FormatException($"A quote inside an unquoted cell at {i}.");
                case ';':
                    row.Add(cell.ToString());
                    cell.Clear();
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    i += 2;
                    break;
                case '\r' or '\n':
                    throw new FormatException($"A bare line break outside quotes at {i}: rows must end with CRLF.");
                default:
                    cell.Append(c);
                    i++;
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException("The file ends inside a quoted cell.");
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            throw new FormatException("The last row does not end with CRLF.");
        }

        return rows;
    }
}
