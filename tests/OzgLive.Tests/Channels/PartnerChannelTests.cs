using System.Net;
using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Tests.Replay;
using OzgLive.Web.Channels;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Channels;

/// <summary>
/// Partner embeds and channel attribution: the embed may be framed by the event's partner sites
/// only, and every question keeps where it came from, for the moderators and the exports.
/// </summary>
public sealed class PartnerChannelTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private const string Partner = "https://partner.example";

    private TestApp App => fixture.App;

    [Fact]
    public async Task The_embed_may_be_framed_by_the_listed_partners_only()
    {
        var ev = await fixture.CreateEventAsync();
        using var client = App.CreateClient();

        using var none = await client.GetAsync($"/embed/{ev.Slug}");
        await App.Get<PartnerOrigins>().SaveAsync(ev.Id, ["https://b.example", Partner]);
        using var listed = await client.GetAsync($"/embed/{ev.Slug}?partner={Uri.EscapeDataString(Partner)}");
        using var page = await client.GetAsync($"/events/{ev.Slug}");

        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal("frame-ancestors 'none'", Csp(none));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("frame-ancestors https://b.example https://partner.example", Csp(listed));
        // The event page itself is none of the embed's business: its framing is the site-wide headers'.
        Assert.DoesNotContain("partner.example", Csp(page) ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_series_partners_frame_every_event_of_the_series_and_each_event_adds_its_own()
    {
        var ev = await fixture.CreateEventAsync();
        var other = await fixture.CreateEventAsync();
        await using (var connection = App.Get<Database>().Open())
        {
            // Both events in a series of their own, so no other test's list leaks in.
            var seriesId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO series (slug, title, created_utc) VALUES ('partner-serie-' || @id, 'Partnerserie', '2026-01-01T00:00:00.000Z') RETURNING id", new { id = ev.Id });
            await connection.ExecuteAsync($"UPDATE events SET series_id = @seriesId WHERE id {SqlDialect.Of(connection).In("@ids")}", new { seriesId, ids = new[] { ev.Id, other.Id } });
            await App.Get<PartnerOrigins>().SaveForSeriesAsync(seriesId, ["https://serie.example"]);
        }

        await App.Get<PartnerOrigins>().SaveAsync(ev.Id, [Partner]);
        using var client = App.CreateClient();
        using var withAddition = await client.GetAsync($"/embed/{ev.Slug}");
        using var seriesOnly = await client.GetAsync($"/embed/{other.Slug}");

        Assert.Equal("frame-ancestors https://partner.example https://serie.example", Csp(withAddition));
        Assert.Equal("frame-ancestors https://serie.example", Csp(seriesOnly));
    }

    [Theory]
    [InlineData("https://Partner.example/seite?x=1", "https://partner.example")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("partner.example", null)]
    [InlineData("https://user:pw@partner.example", null)]
    public void Partner_addresses_are_cut_down_to_their_origin(string typed, string? origin) =>
        Assert.Equal(origin, PartnerOrigins.Normalize(typed));

    [Fact]
    public async Task Each_question_records_its_channel_and_moderators_see_it()
    {
        var ev = await fixture.CreateEventAsync();
        await App.Get<PartnerOrigins>().SaveAsync(ev.Id, [Partner]);
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);

        var live = await viewer.AskAsync(ev.Id, "Frage von der Veranstaltungsseite?");
        var embedded = await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = QuestionCalls.NewClientId(), text = "Frage vom Partner?", channel = "embed:" + Partner });
        var unlisted = await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = QuestionCalls.NewClientId(), text = "Frage von einer fremden Seite?", channel = "embed:https://evil.example" });
        var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = "Frage aus dem YouTube-Chat?", source = "youTube" });

        Assert.Equal("youtube", added.GetProperty("channel").GetString());
        // A round trip: the queue messages of the viewer's questions have arrived before its answer.
        var queue = (await moderator.SnapshotAsync(ev.Id)).GetProperty("queue");
        Assert.Equal("live", queue.Find(live.Id()).GetProperty("channel").GetString());
        Assert.Equal("embed:" + Partner, queue.Find(embedded.Id()).GetProperty("channel").GetString());
        Assert.Equal("embed", queue.Find(unlisted.Id()).GetProperty("channel").GetString());
        var pushed = moderator.Messages("QueueChanged").SelectMany(m => m.GetProperty("questions").EnumerateArray())
            .Last(q => q.Id() == embedded.Id());
        Assert.Equal("embed:" + Partner, pushed.GetProperty("channel").GetString());

        await using var connection = App.Get<Database>().Open();
        var stored = (await connection.QueryAsync<(long Id, string? Channel)>(
            "SELECT id, channel FROM questions WHERE event_id = @Id", new { ev.Id })).ToDictionary(r => r.Id, r => r.Channel);
        Assert.Null(stored[live.Id()]);
        Assert.Equal("embed:" + Partner, stored[embedded.Id()]);
        Assert.Equal("embed", stored[unlisted.Id()]);
    }

    [Fact]
    public async Task The_JSON_export_names_each_questions_channel()
    {
        var ev = await fixture.CreateEventAsync();
        await ReplaySeed.SeedAsync(App.Get<Database>(), ev.Id, publish: true);
        await using (var connection = App.Get<Database>().Open())
        {
            await connection.ExecuteAsync(
                "UPDATE questions SET channel = @channel WHERE event_id = @Id AND text = @AnsweredText",
                new { channel = "embed:" + Partner, ev.Id, ReplaySeed.AnsweredText });
        }

        var json = JsonDocument.Parse(await App.CreateClient().GetStringAsync($"/events/{ev.Slug}/replay/transcript.json"));

        var channels = json.RootElement.GetProperty("questions").EnumerateArray()
            .ToDictionary(q => q.GetProperty("text").GetString()!, q => q.GetProperty("channel").GetString());
        Assert.Equal("embed:" + Partner, channels[ReplaySeed.AnsweredText]);
        Assert.Equal("live", channels[ReplaySeed.OpenText]);
    }

    [Fact]
    public async Task A_partner_list_saved_between_two_questions_counts_for_the_very_next_one()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.ViewerAsync(ev);
        async Task<string?> AskFromPartnerAsync(string text)
        {
            var asked = await viewer.InvokeAsync("AskQuestion", ev.Id, new { clientId = QuestionCalls.NewClientId(), text, channel = "embed:" + Partner });
            await using var connection = App.Get<Database>().Open();
            return await connection.ExecuteScalarAsync<string?>("SELECT channel FROM questions WHERE id = @id", new { id = asked.Id() });
        }

        // The event's intake state (with its partners) is kept after the first question.
        var beforeListing = await AskFromPartnerAsync("Erste Frage aus der Einbettung?");
        await App.Get<PartnerOrigins>().SaveAsync(ev.Id, [Partner]);
        var listed = await AskFromPartnerAsync("Zweite Frage aus der Einbettung?");
        await App.Get<PartnerOrigins>().SaveAsync(ev.Id, []);
        var removed = await AskFromPartnerAsync("Dritte Frage aus der Einbettung?");
        long seriesId;
        await using (var connection = App.Get<Database>().Open())
        {
            seriesId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO series (slug, title, created_utc) VALUES ('kanal-serie-' || @Id, 'Kanalserie', '2026-01-01T00:00:00.000Z') RETURNING id", new { ev.Id });
            await connection.ExecuteAsync("UPDATE events SET series_id = @seriesId WHERE id = @Id", new { seriesId, ev.Id });
        }

        // The event in a series of its own (set up directly); the series' list, once saved, counts for the next question too.
        await App.Get<PartnerOrigins>().SaveForSeriesAsync(seriesId, [Partner]);
        var viaSeries = await AskFromPartnerAsync("Vierte Frage aus der Einbettung?");

        Assert.Equal(new string?[] { "embed", "embed:" + Partner, "embed", "embed:" + Partner }, new[] { beforeListing, listed, removed, viaSeries });
    }

    private static string? Csp(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(", ", values) : null;
}
