using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Replay;

/// <summary>
/// The replay page over real HTTP: who sees it (nobody before publishing but the event's staff, as a
/// preview), what it shows (answers with a jump into the recording at the staged moment plus the
/// offset, no hidden questions, numbers only for rejected ones) and how it may be cached.
/// </summary>
public sealed partial class ReplayPageTests
{
    [Fact]
    public async Task An_unknown_event_and_an_ended_but_unpublished_one_are_not_found_for_anonymous_visitors()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events/gibt-es-nicht/replay")).StatusCode);
        // Scheduled, not ended: nothing to replay either.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{ReplayScenario.Slug}/replay")).StatusCode);

        var scenario = await ReplayScenario.EndedAsync(app);
        var response = await client.GetAsync(scenario.Path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ReplayScenario.AnsweredText, body);
        Assert.DoesNotContain(scenario.Title, body);
    }

    [Fact]
    public async Task The_organiser_sees_an_unpublished_replay_as_a_preview_that_is_neither_cached_nor_indexed()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.EndedAsync(app);
        using var client = app.CreateClient(await app.SignInAsync());

        var response = await client.GetAsync(scenario.Path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vorschau – noch nicht veröffentlicht", body);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", body);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Null(response.Headers.ETag);
        Assert.Contains(ReplayScenario.AnsweredText, body);
    }

    [Fact]
    public async Task A_published_replay_shows_the_answer_with_a_jump_link_to_the_moment_it_was_put_on_stage()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app, offsetSeconds: 0);
        using var client = app.CreateClient();

        var response = await client.GetAsync(scenario.Path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Vorschau", body);
        Assert.DoesNotContain("noindex", body);
        Assert.Contains($"<h1>{scenario.Title}</h1>", body);
        var item = QuestionItem(body, ReplayScenario.AnsweredText);
        Assert.Contains("Gefragt von Jana Beispiel, Landkreis Gießen", item);
        Assert.Contains("Live beantwortet", item);
        Assert.Contains(ReplayScenario.AnswerNote, item);
        Assert.Equal((972, "16:12"), Jump(item));
        Assert.Contains($"href=\"/events/{ReplayScenario.Slug}/replay?t=972#aufzeichnung\"", item);
        Assert.Contains("Antwort ab 16:12 in der Aufzeichnung ansehen", item);

        // Still open: listed, without a jump link or an asker (none was given).
        var open = QuestionItem(body, ReplayScenario.OpenText);
        Assert.Contains("Noch offen", open);
        Assert.DoesNotContain("data-seconds", open);
        Assert.DoesNotContain("Gefragt von", open);
    }

    [Theory]
    [InlineData(90, 1062, "17:42")]
    [InlineData(-300, 672, "11:12")]
    [InlineData(-2000, 0, "00:00")]
    public async Task The_jump_link_adds_the_recording_offset_and_never_points_before_the_recording(int offset, int expected, string time)
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app, offsetSeconds: offset);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(scenario.Path);

        Assert.Equal((expected, time), Jump(QuestionItem(body, ReplayScenario.AnsweredText)));
    }

    [Fact]
    public async Task Hidden_and_rejected_questions_are_absent_and_rejections_are_only_counted()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(scenario.Path);

        Assert.DoesNotContain(ReplayScenario.HiddenText, body);
        Assert.DoesNotContain("Max Muster", body);
        Assert.DoesNotContain(ReplayScenario.RejectedText, body);
        Assert.Equal("4", Count(body, "received"));
        Assert.Equal("1", Count(body, "answeredLive"));
        Assert.Equal("1", Count(body, "open"));
        Assert.Equal("1", Count(body, "hidden"));
        Assert.Contains("doppelt gestellt: 1", body);
    }

    [Fact]
    public async Task Without_a_replay_video_there_is_no_player_and_no_jump_link()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app, videoId: null);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(scenario.Path);

        Assert.Contains("Zu dieser Veranstaltung gibt es keine Aufzeichnung.", body);
        Assert.DoesNotContain("video-load", body);
        Assert.DoesNotContain("youtube.com", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("youtube-nocookie", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-seconds", body);
        Assert.Contains(ReplayScenario.AnswerNote, body);
    }

    [Fact]
    public async Task The_page_offers_a_chapter_list_for_youtube_or_says_why_the_recording_gives_none()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(scenario.Path);
        var list = Regex.Match(body, "<textarea id=\"chapter-list-text\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline);
        Assert.True(list.Success, "No chapter list.");
        Assert.Equal("00:00 Begrüßung\n05:12 Umsetzungsvereinbarung zwischen Land und kommunalen Spitzenverbänden\n23:12 Abschluss",
            WebUtility.HtmlDecode(list.Groups[1].Value));

        // 400 s less recording at the start: the block opens the video and only two chapters remain.
        await scenario.SetOffsetAsync(-400);
        body = await client.GetStringAsync(scenario.Path);
        Assert.DoesNotContain("<textarea", body);
        Assert.Contains("Keine Kapitelliste möglich: YouTube verlangt mindestens drei Kapitel", body);
    }

    [Fact]
    public async Task A_published_page_is_publicly_cacheable_and_answers_304_until_something_on_it_changes()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app);
        using var client = app.CreateClient();

        var first = await client.GetAsync(scenario.Path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: 60 }, $"Cache-Control: {first.Headers.CacheControl}");
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("No ETag.");

        using var again = new HttpRequestMessage(HttpMethod.Get, scenario.Path);
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal("", await revalidated.Content.ReadAsStringAsync());

        // A new offset moves every jump link: the old copy is stale.
        await scenario.SetOffsetAsync(30);
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, scenario.Path);
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("data-seconds=\"1002\"", await changed.Content.ReadAsStringAsync());

        // The English page is another representation with its own tag.
        var english = await client.GetAsync(scenario.Path + "?lang=en");
        Assert.NotEqual(changed.Headers.ETag, english.Headers.ETag);
        Assert.Contains("Answers and recording", await english.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_search_filters_on_the_server_when_the_browser_runs_no_script()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(scenario.Path + "?q=personalmangel");

        Assert.Contains("1 von 2 Fragen", body);
        Assert.DoesNotMatch("<li[^>]*hidden[^>]*>\\s*<p class=\"question-text\">" + Regex.Escape(ReplayScenario.AnsweredText), body);
        Assert.Matches("<li[^>]*hidden[^>]*>\\s*<p class=\"question-text\">" + Regex.Escape(ReplayScenario.OpenText), body);
        Assert.Contains("?q=personalmangel&amp;t=972#aufzeichnung", body);
    }

    [Fact]
    public async Task A_jump_link_followed_without_script_brings_the_consent_box_saying_where_the_recording_starts()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app);
        using var client = app.CreateClient();

        var body = await client.GetStringAsync(scenario.Path + "?t=972");

        Assert.Contains("Die Aufzeichnung beginnt bei 16:12.", body);
        Assert.Contains("data-start=\"972\"", body);
        Assert.Contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=972s\"", body);
        Assert.DoesNotContain("<iframe", body);
    }

    [Theory]
    [InlineData("?t=abc")]
    [InlineData("?t=-40")]
    [InlineData("?t=99999999999")]
    [InlineData("?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task Odd_addresses_still_show_the_page_from_the_beginning(string query)
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.PublishedAsync(app);
        using var client = app.CreateClient();

        var response = await client.GetAsync(scenario.Path + query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<p class=\"replay-start-note\" id=\"video-start-note\" hidden", body);
        Assert.DoesNotContain("<script>alert", body);
    }

    [Fact]
    public async Task The_live_page_links_to_the_replay_once_it_is_published()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await ReplayScenario.EndedAsync(app);
        using var client = app.CreateClient();
        Assert.DoesNotContain("Antworten und Aufzeichnung", await client.GetStringAsync($"/events/{ReplayScenario.Slug}"));

        await scenario.PublishAsync();

        var live = await client.GetStringAsync($"/events/{ReplayScenario.Slug}");
        Assert.Contains($"<a href=\"{scenario.Path}\">Antworten und Aufzeichnung</a>", live);
    }

    private static string QuestionItem(string body, string text)
    {
        var match = Regex.Match(body, "<li class=\"replay-question\"[^>]*>\\s*<p class=\"question-text\">" + Regex.Escape(text) + "</p>.*?</li>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No question item \"{text}\" on the page.");
        return match.Value;
    }

    private static (int Seconds, string Time) Jump(string item)
    {
        var match = Regex.Match(item, "data-seconds=\"(\\d+)\" data-time=\"([^\"]+)\"");
        Assert.True(match.Success, "No jump link in " + item);
        return (int.Parse(match.Groups[1].Value), match.Groups[2].Value);
    }

    private static string Count(string body, string name)
    {
        var match = Regex.Match(body, $"<dd data-count=\"{name}\">\\s*(\\d+)");
        Assert.True(match.Success, $"No count {name}.");
        return match.Groups[1].Value;
    }
}
