using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Tests.Replay;
using OzgLive.Web.Channels;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Channels;

/// <summary>
/// The channel a question came from, carried into the transcript: the replay's "Moderation in Zahlen"
/// counts the received questions per channel, and every export names each question's channel.
/// </summary>
public sealed class ChannelTranscriptTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private const string Partner = "https://partner.example";
    private const string LiveText = "Frage von der Veranstaltungsseite?";
    private const string PartnerText = "Frage aus der Einbettung beim Partner?";
    private const string YouTubeText = "Frage aus dem YouTube-Chat?";
    private const string TwitterText = "Frage von Twitter, eingetragen von der Moderation?";

    private TestApp App => fixture.App;

    [Fact]
    public async Task A_moderator_records_a_question_from_Twitter_and_it_keeps_that_channel()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);

        var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = TwitterText, source = "twitter" });

        Assert.Equal("twitter", added.GetProperty("channel").GetString());
        await using var connection = App.Get<Database>().Open();
        Assert.Equal("twitter", await connection.ExecuteScalarAsync<string>("SELECT source FROM questions WHERE id = @id", new { id = added.Id() }));
    }

    [Fact]
    public async Task The_replay_counts_the_received_questions_per_channel()
    {
        var ev = await EndedWithEveryChannelAsync();

        var body = await App.CreateClient().GetStringAsync($"/events/{ev.Slug}/replay");

        // Withdrawn questions are not received (as in the total); most first, then by name.
        Assert.Contains("<dd data-count=\"received\">6</dd>", body);
        Assert.Equal(
            [("live", "Live-Seite: 2"), ("embed", "Einbettung: 1"), ("embed:" + Partner, "Einbettung partner.example: 1"),
                ("twitter", "Twitter (X): 1"), ("youtube", "YouTube: 1")],
            ChannelItems(body));
        var english = await App.CreateClient().GetStringAsync($"/events/{ev.Slug}/replay?lang=en");
        Assert.Contains("Received by channel", english);
        Assert.Contains(("live", "Live page: 2"), ChannelItems(english));
    }

    [Fact]
    public async Task CSV_Markdown_JSON_and_the_print_view_name_each_questions_channel_and_count_per_channel()
    {
        var ev = await EndedWithEveryChannelAsync();
        var client = App.CreateClient();

        var bytes = await client.GetByteArrayAsync($"/events/{ev.Slug}/replay/transcript.csv");
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal("Kanal", rows[0][^1]);
        var csvChannels = rows.Skip(1).ToDictionary(r => r[3], r => r[^1]);
        Assert.Equal("Live-Seite", csvChannels[LiveText]);
        Assert.Equal("Einbettung partner.example", csvChannels[PartnerText]);
        Assert.Equal("YouTube", csvChannels[YouTubeText]);
        Assert.Equal("Twitter (X)", csvChannels[TwitterText]);

        var md = (await client.GetStringAsync($"/events/{ev.Slug}/replay/transcript.md")).Split('\n');
        Assert.Contains("- Eingegangen über Live-Seite: 2", md);
        Assert.Contains("- Eingegangen über Einbettung: 1", md);
        Assert.Contains("- Eingegangen über Twitter (X): 1", md);
        Assert.Contains("- Kanal: Einbettung partner.example", md);
        Assert.Contains("- Kanal: YouTube", md);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/events/{ev.Slug}/replay/transcript.json"));
        var counts = json.RootElement.GetProperty("summary").GetProperty("channels").EnumerateArray()
            .Select(c => (c.GetProperty("channel").GetString(), c.GetProperty("received").GetInt32())).ToList();
        Assert.Equal([("live", 2), ("embed", 1), ("embed:" + Partner, 1), ("twitter", 1), ("youtube", 1)], counts);
        var questionChannels = json.RootElement.GetProperty("questions").EnumerateArray()
            .ToDictionary(q => q.GetProperty("text").GetString()!, q => q.GetProperty("channel").GetString());
        Assert.Equal("twitter", questionChannels[TwitterText]);
        Assert.Equal("embed:" + Partner, questionChannels[PartnerText]);

        var print = await client.GetStringAsync($"/events/{ev.Slug}/replay/print");
        Assert.Contains("Eingegangen über Twitter (X)", print);
        Assert.Contains("<dd>Einbettung partner.example</dd>", print);

        var english = Csv.Parse(Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/events/{ev.Slug}/replay/transcript.csv?lang=en"))[1..]);
        Assert.Equal("Channel", english[0][^1]);
        Assert.Equal("Twitter (X)", english.Single(r => r[3] == TwitterText)[^1]);
    }

    /// <summary>The items of the replay's "Eingegangen nach Kanal" list: channel and the text shown.</summary>
    private static List<(string, string)> ChannelItems(string body) =>
        Regex.Matches(body, "<li data-channel=\"([^\"]+)\">([^<]*)</li>")
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value).Trim()))
            .ToList();

    /// <summary>
    /// A published event with questions from every kind of channel: two from the live page (and one
    /// withdrawn there), one from a listed partner's embed, one from an unlisted site's (rejected),
    /// one each that moderators entered from YouTube and Twitter.
    /// </summary>
    private async Task<TestEvent> EndedWithEveryChannelAsync()
    {
        var ev = await fixture.CreateEventAsync();
        await App.Get<PartnerOrigins>().SaveAsync(ev.Id, [Partner]);
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);

        await fixture.ApprovedAsync(ev, viewer, moderator, LiveText);
        await fixture.ApprovedAsync(ev, viewer, moderator, "Noch eine Frage von der Veranstaltungsseite?");
        var withdrawn = await viewer.AskAsync(ev.Id, "Diese Frage nehme ich zurück?");
        await viewer.InvokeAsync("WithdrawQuestion", ev.Id, withdrawn.Id());
        var partner = await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = QuestionCalls.NewClientId(), text = PartnerText, channel = "embed:" + Partner });
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, partner.Id());
        var unlisted = await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = QuestionCalls.NewClientId(), text = "Frage von einer fremden Seite?", channel = "embed:https://fremd.example" });
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, unlisted.Id(), "offTopic");
        await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = YouTubeText, source = "youTube" });
        await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = TwitterText, source = "twitter" });
        App.Time.Advance(TimeSpan.FromMinutes(10));
        await moderator.ClockAsync("EndEvent", ev.Id);

        await using var connection = App.Get<Database>().Open();
        await connection.ExecuteAsync(
            "UPDATE events SET status = 'published', published_utc = @now WHERE id = @Id",
            new { ev.Id, now = App.Time.GetUtcNow() });
        return ev;
    }
}
