using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Events;
using OzgLive.Web.Replay;
using OzgLive.Web.Replay.Review;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>
/// The organiser's privacy review through the real page (real login, antiforgery, POST-redirect-GET)
/// on events driven to their end through the hub: hiding, name removal, text edits, stale and bad
/// input refused without changes, replay settings, publishing with and without flags, retention.
/// </summary>
public sealed class ReviewTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private const string FlaggedText = "Meine Nummer ist 0611 123456 – wo beantrage ich den Beratungsgutschein?";
    private const string CleanText = "Wie digitalisieren wir trotz Personalmangel?";

    private static readonly HtmlParser Parser = new();

    private sealed record Ended(TestEvent Event, long FlaggedRow, long CleanRow, long CleanQuestionId, string Path);

    /// <summary>An event with two approved questions (one with a phone number, one with a named asker), ended through the hub.</summary>
    private async Task<Ended> EndedEventAsync(bool withFlag = true)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        fixture.App.Time.Advance(TimeSpan.FromSeconds(30));
        var flagged = await fixture.ApprovedAsync(ev, viewer, moderator, withFlag ? FlaggedText : "Wo beantrage ich den Beratungsgutschein?");
        var asked = await viewer.AskAsync(ev.Id, CleanText, displayName: "Jana Beispiel", organisation: "Landkreis Gießen");
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        fixture.App.Time.Advance(TimeSpan.FromSeconds(60));
        await moderator.ClockAsync("EndEvent", ev.Id);
        var transcript = (await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!;
        return new Ended(
            ev,
            transcript.Questions.Single(q => q.QuestionId == flagged.Id()).Id,
            transcript.Questions.Single(q => q.QuestionId == asked.Id()).Id,
            asked.Id(),
            $"/organisation/veranstaltungen/{ev.Id}/transkript");
    }

    private async Task<HttpClient> OrganiserAsync() => fixture.App.CreateClient(await fixture.App.SignInAsync());

    private async Task<TranscriptQuestion> RowAsync(long eventId, long rowId) =>
        (await fixture.App.Get<TranscriptStore>().LoadAsync(eventId))!.Questions.Single(q => q.Id == rowId);

    private async Task<long> TranscriptVersionAsync(long eventId) => (await fixture.App.Get<TranscriptStore>().LoadAsync(eventId))!.Version;

    /// <summary>Everything the review could write, as text: equal means nothing changed.</summary>
    private Task<string> StateAsync(long eventId) => fixture.StoredRowsAsync(
        eventId,
        "SELECT status, published_utc, replay_video_id, replay_offset_seconds, retention_days, names_removed_utc FROM events WHERE id = @eventId",
        "SELECT * FROM transcripts WHERE event_id = @eventId",
        "SELECT * FROM transcript_questions WHERE event_id = @eventId ORDER BY id",
        "SELECT id, text, display_name, organisation FROM questions WHERE event_id = @eventId ORDER BY id",
        "SELECT * FROM audit_log WHERE event_id = @eventId ORDER BY id");

    private static async Task<(HttpStatusCode Status, string? Location, IHtmlDocument Page)> PostAsync(HttpClient http, string path, string handler, Dictionary<string, string> fields)
    {
        using var response = await TestApp.PostFormAsync(http, path, new Dictionary<string, string>(fields) { ["_handler"] = handler });
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.Location?.ToString(), Parser.ParseDocument(html));
    }

    private static Dictionary<string, string> Command(string verb, TranscriptQuestion row, string? text = null)
    {
        var fields = new Dictionary<string, string> { ["ReviewInput.Command"] = $"{verb}:{row.Id}:{row.Version}" };
        if (text is not null)
        {
            fields["ReviewInput.Items[0].Id"] = row.Id.ToString(CultureInfo.InvariantCulture);
            fields["ReviewInput.Items[0].Text"] = text;
        }

        return fields;
    }

    private async Task<IHtmlDocument> PageAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_review_page_lists_the_questions_by_block_with_the_flags_marked_and_the_moderation_counts()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();

        var page = await PageAsync(http, ended.Path);

        var flagged = page.GetElementById($"q-{ended.FlaggedRow}")!;
        Assert.Contains("is-flagged", flagged.ClassName);
        Assert.Equal("0611 123456", flagged.QuerySelector(".question-text mark.pd-flag")!.FirstChild!.TextContent);
        Assert.Contains("Telefonnummer im Text: „0611 123456“", flagged.QuerySelector(".flags")!.TextContent);
        var clean = page.GetElementById($"q-{ended.CleanRow}")!;
        Assert.DoesNotContain("is-flagged", clean.ClassName);
        Assert.Contains("Jana Beispiel", clean.QuerySelector(".asker")!.TextContent);
        Assert.Equal("Im Transkript ist noch 1 Hinweis auf personenbezogene Daten (unten markiert).", page.GetElementById("flag-count")!.TextContent);
        // Styled like the other organisation pages: the page's own stylesheet does not displace theirs.
        // (Under its fingerprinted URL, css/organisation.<fingerprint>.css.)
        Assert.Contains(page.QuerySelectorAll("link[rel=stylesheet]"), link => Regex.IsMatch(link.GetAttribute("href")!, @"^css/organisation\.[a-z0-9]{10}\.css$"));
        Assert.Equal("2", page.QuerySelector("[data-count=received]")!.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-count=open]")!.TextContent);
        Assert.Equal($"/events/{ended.Event.Slug}/replay", page.GetElementById("preview-link")!.GetAttribute("href"));

        var eventPage = await PageAsync(http, $"/organisation/veranstaltungen/{ended.Event.Id}");
        Assert.Equal(ended.Path, eventPage.GetElementById("review-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Hiding_and_showing_a_question_bumps_its_version_and_the_transcripts_and_is_audited()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var row = await RowAsync(ended.Event.Id, ended.FlaggedRow);
        var transcriptVersion = await TranscriptVersionAsync(ended.Event.Id);

        var hidden = await PostAsync(http, ended.Path, "review", Command("hide", row));

        Assert.Equal(HttpStatusCode.Redirect, hidden.Status);
        var after = await RowAsync(ended.Event.Id, ended.FlaggedRow);
        Assert.True(after.Hidden);
        Assert.Equal(row.Version + 1, after.Version);
        Assert.Equal(transcriptVersion + 1, await TranscriptVersionAsync(ended.Event.Id));
        var page = await PageAsync(http, hidden.Location!);
        Assert.Equal("Die Frage ist ausgeblendet.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Ausgeblendet", page.GetElementById($"q-{ended.FlaggedRow}")!.TextContent);
        // A hidden question's flags no longer stand in the way of publishing.
        Assert.Equal("Die automatische Prüfung findet keine Hinweise auf personenbezogene Daten mehr.", page.GetElementById("flag-count")!.TextContent);

        var shown = await PostAsync(http, ended.Path, "review", Command("show", after));
        Assert.Equal(HttpStatusCode.Redirect, shown.Status);
        Assert.False((await RowAsync(ended.Event.Id, ended.FlaggedRow)).Hidden);

        var audit = (await fixture.AuditAsync(ended.Event.Id)).Where(a => a.Action.StartsWith("review-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["review-hide", "review-show"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.StartsWith("account:", a.Actor));
        Assert.Contains("\"hidden\":false", audit[0].BeforeJson);
        Assert.Contains("\"hidden\":true", audit[0].AfterJson);
    }

    [Fact]
    public async Task Removing_a_name_clears_it_from_the_transcript_for_good_while_the_live_record_keeps_it_for_the_audit()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var row = await RowAsync(ended.Event.Id, ended.CleanRow);

        var removed = await PostAsync(http, ended.Path, "review", Command("remove-name", row));

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        var after = await RowAsync(ended.Event.Id, ended.CleanRow);
        Assert.Equal((null, null, true), (after.DisplayName, after.Organisation, after.NameRemoved));
        Assert.Equal("Jana Beispiel", (await fixture.StoredAsync(ended.CleanQuestionId)).DisplayName);
        var page = await PageAsync(http, removed.Location!);
        var article = page.GetElementById($"q-{ended.CleanRow}")!;
        Assert.Contains("Name entfernt", article.QuerySelector(".asker")!.TextContent);
        Assert.Null(article.QuerySelector("button[value^='remove-name']"));
        Assert.Single(await fixture.AuditAsync(ended.Event.Id), a => a.Action == "review-remove-name");
    }

    [Fact]
    public async Task Editing_a_text_publishes_the_edit_and_keeps_the_original_in_the_questions()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var row = await RowAsync(ended.Event.Id, ended.FlaggedRow);

        var edited = await PostAsync(http, ended.Path, "review", Command("edit", row, "Wo beantrage ich den Beratungsgutschein?"));

        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        var after = await RowAsync(ended.Event.Id, ended.FlaggedRow);
        Assert.Equal(("Wo beantrage ich den Beratungsgutschein?", true), (after.Text, after.TextEdited));
        var original = (await fixture.StoredQuestionsAsync(ended.Event.Id)).Single(q => q.Text.Contains("0611", StringComparison.Ordinal));
        Assert.Equal(FlaggedText, original.Text);
        var audit = Assert.Single(await fixture.AuditAsync(ended.Event.Id), a => a.Action == "review-edit");
        Assert.Contains("0611 123456", audit.BeforeJson);
        Assert.DoesNotContain("0611 123456", audit.AfterJson);
    }

    [Fact]
    public async Task An_action_on_a_version_the_organiser_did_not_see_is_refused_and_changes_nothing()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var seen = await RowAsync(ended.Event.Id, ended.FlaggedRow);
        Assert.Null(await fixture.App.Get<TranscriptReview>().SetHiddenAsync(ended.Event.Id, seen.Id, seen.Version, true, "account:other"));
        var before = await StateAsync(ended.Event.Id);

        var stale = await PostAsync(http, ended.Path, "review", Command("edit", seen, "Eine Fassung auf altem Stand"));

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(
            "Diese Frage wurde inzwischen geändert. Bitte die aktuelle Fassung prüfen und erneut versuchen; nichts wurde geändert.",
            stale.Page.GetElementById($"q-{seen.Id}-error")!.TextContent);
        // What was typed is not lost.
        Assert.Equal("Eine Fassung auf altem Stand", ((IHtmlTextAreaElement)stale.Page.GetElementById($"q-{seen.Id}-text")!).Value);
        Assert.Equal(before, await StateAsync(ended.Event.Id));
    }

    [Theory]
    [InlineData("hide:999999:1")]
    [InlineData("explode:1:1")]
    [InlineData("hide:abc:1")]
    [InlineData("")]
    public async Task An_unknown_question_or_command_is_refused_with_a_message_and_changes_nothing(string command)
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var before = await StateAsync(ended.Event.Id);

        var refused = await PostAsync(http, ended.Path, "review", new() { ["ReviewInput.Command"] = command });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.False(string.IsNullOrWhiteSpace(refused.Page.GetElementById("review-error")?.TextContent));
        Assert.Equal(before, await StateAsync(ended.Event.Id));
    }

    [Fact]
    public async Task A_question_of_another_event_cannot_be_changed_through_this_events_review()
    {
        var ended = await EndedEventAsync();
        var other = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var foreign = await RowAsync(other.Event.Id, other.CleanRow);
        var before = await StateAsync(ended.Event.Id) + await StateAsync(other.Event.Id);

        var refused = await PostAsync(http, ended.Path, "review", Command("remove-name", foreign));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Diese Frage gibt es im Transkript dieser Veranstaltung nicht; nichts wurde geändert.", refused.Page.GetElementById("review-error")!.TextContent);
        Assert.Equal(before, await StateAsync(ended.Event.Id) + await StateAsync(other.Event.Id));
    }

    [Fact]
    public async Task An_empty_edit_is_refused_next_to_the_question()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var row = await RowAsync(ended.Event.Id, ended.CleanRow);
        var before = await StateAsync(ended.Event.Id);

        var refused = await PostAsync(http, ended.Path, "review", Command("edit", row, "  "));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Der Text muss mindestens 3 Zeichen lang sein.", refused.Page.GetElementById($"q-{row.Id}-error")!.TextContent);
        Assert.Equal(before, await StateAsync(ended.Event.Id));
    }

    [Fact]
    public async Task Replay_settings_are_stored_and_shown_again_in_the_form()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();

        var saved = await PostAsync(http, ended.Path, "replay-settings", new()
        {
            ["SettingsInput.ReplayVideo"] = "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ["SettingsInput.Offset"] = "-0:30",
            ["SettingsInput.RetentionDays"] = "30",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var settings = (await fixture.App.Get<TranscriptStore>().LoadSettingsAsync(ended.Event.Id))!;
        Assert.Equal(("dQw4w9WgXcQ", -30, (int?)30), (settings.ReplayVideoId, settings.OffsetSeconds, settings.RetentionDays));
        var page = await PageAsync(http, saved.Location!);
        Assert.Equal("-0:30", ((IHtmlInputElement)page.GetElementById("replay-Offset")!).Value);
        Assert.Equal("30", ((IHtmlInputElement)page.GetElementById("replay-RetentionDays")!).Value);
        Assert.Single(await fixture.AuditAsync(ended.Event.Id), a => a.Action == "replay-settings");
    }

    [Theory]
    [InlineData("Offset", "zehn Sekunden", "replay-Offset")]
    [InlineData("Offset", "1:75", "replay-Offset")]
    [InlineData("Offset", "7:00:00", "replay-Offset")]
    [InlineData("RetentionDays", "0", "replay-RetentionDays")]
    [InlineData("RetentionDays", "5000", "replay-RetentionDays")]
    [InlineData("RetentionDays", "drei", "replay-RetentionDays")]
    [InlineData("ReplayVideo", "https://vimeo.com/12345", "replay-ReplayVideo")]
    public async Task Bad_replay_settings_are_refused_next_to_their_field_and_change_nothing(string field, string value, string inputId)
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var before = await StateAsync(ended.Event.Id);
        var fields = new Dictionary<string, string>
        {
            ["SettingsInput.ReplayVideo"] = "dQw4w9WgXcQ",
            ["SettingsInput.Offset"] = "1:00",
            ["SettingsInput.RetentionDays"] = "",
        };
        fields["SettingsInput." + field] = value;

        var refused = await PostAsync(http, ended.Path, "replay-settings", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var input = refused.Page.GetElementById(inputId)!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.False(string.IsNullOrWhiteSpace(refused.Page.GetElementById(inputId + "-error")?.TextContent));
        Assert.Equal(value, ((IHtmlInputElement)input).Value);
        Assert.Equal(before, await StateAsync(ended.Event.Id));
    }

    [Fact]
    public async Task Publishing_with_flags_needs_the_explicit_confirmation()
    {
        var ended = await EndedEventAsync();
        using var http = await OrganiserAsync();
        var before = await StateAsync(ended.Event.Id);

        var refused = await PostAsync(http, ended.Path, "publish", new() { ["PublishInput.Command"] = "publish" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("Es sind noch Hinweise auf personenbezogene Daten markiert.", refused.Page.GetElementById("publish-error")!.TextContent);
        Assert.Equal(before, await StateAsync(ended.Event.Id));

        var published = await PostAsync(http, ended.Path, "publish", new() { ["PublishInput.Command"] = "publish", ["PublishInput.ConfirmFlags"] = "on" });

        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        var ev = (await fixture.App.Get<EventStore>().FindByIdAsync(ended.Event.Id))!;
        Assert.Equal(EventStatus.Published, ev.Status);
        Assert.Equal(fixture.App.Time.GetUtcNow().ToUnixTimeSeconds(), (await fixture.App.Get<TranscriptStore>().LoadSettingsAsync(ev.Id))!.PublishedAt!.Value.ToUnixTimeSeconds());
        var audit = Assert.Single(await fixture.AuditAsync(ev.Id), a => a.Action == "publish");
        Assert.Contains("\"confirmedFlags\":true", audit.AfterJson);
        var page = await PageAsync(http, published.Location!);
        Assert.Equal("Veröffentlicht", page.GetElementById("review-status")!.TextContent);

        var unpublished = await PostAsync(http, ended.Path, "publish", new() { ["PublishInput.Command"] = "unpublish" });
        Assert.Equal(HttpStatusCode.Redirect, unpublished.Status);
        Assert.Equal(EventStatus.Ended, (await fixture.App.Get<EventStore>().FindByIdAsync(ev.Id))!.Status);
        Assert.Null((await fixture.App.Get<TranscriptStore>().LoadSettingsAsync(ev.Id))!.PublishedAt);
    }

    [Fact]
    public async Task A_transcript_without_flags_publishes_without_a_confirmation_box()
    {
        var ended = await EndedEventAsync(withFlag: false);
        using var http = await OrganiserAsync();
        var page = await PageAsync(http, ended.Path);
        Assert.Null(page.GetElementById("publish-ConfirmFlags"));

        var published = await PostAsync(http, ended.Path, "publish", new() { ["PublishInput.Command"] = "publish" });

        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        Assert.Equal(EventStatus.Published, (await fixture.App.Get<EventStore>().FindByIdAsync(ended.Event.Id))!.Status);
    }

    [Fact]
    public async Task The_event_form_no_longer_publishes_and_points_to_the_review()
    {
        var ended = await EndedEventAsync(withFlag: false);
        using var http = await OrganiserAsync();
        var ev = (await fixture.App.Get<EventStore>().FindByIdAsync(ended.Event.Id))!;
        var before = await StateAsync(ev.Id);
        var fields = new Dictionary<string, string>
        {
            ["Input.SeriesId"] = ev.SeriesId.ToString(CultureInfo.InvariantCulture),
            ["Input.Title"] = ev.Title,
            ["Input.Slug"] = ev.Slug,
            ["Input.Description"] = ev.Description,
            ["Input.StartBerlin"] = BerlinTime.ToBerlin(ev.ScheduledStart).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["Input.Status"] = "published",
            ["Input.LiveVideo"] = "",
            ["Input.ReplayVideo"] = "",
            ["Input.ModeratorName"] = ev.ModeratorName,
        };

        var refused = await PostAsync(http, $"/organisation/veranstaltungen/{ev.Id}", "event", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Transkript prüfen und veröffentlichen", refused.Page.GetElementById("event-Status-error")!.TextContent);
        Assert.Equal(before, await StateAsync(ev.Id));
        Assert.Equal(EventStatus.Ended, (await fixture.App.Get<EventStore>().FindByIdAsync(ev.Id))!.Status);
    }

    [Fact]
    public async Task Moderators_and_anonymous_visitors_cannot_use_the_review()
    {
        var ended = await EndedEventAsync();
        using var anonymous = fixture.App.CreateClient();
        using var anonymousGet = await anonymous.GetAsync(ended.Path);
        Assert.Equal(HttpStatusCode.Redirect, anonymousGet.StatusCode);
        Assert.Equal("/login", new Uri(fixture.App.BaseAddress, anonymousGet.Headers.Location!).AbsolutePath);

        using var moderator = fixture.App.CreateClient(await fixture.ModeratorCookiesAsync(ended.Event.Id));
        using var moderatorGet = await moderator.GetAsync(ended.Path);
        Assert.Equal(HttpStatusCode.Redirect, moderatorGet.StatusCode);
        Assert.Equal("/kein-zugriff", new Uri(fixture.App.BaseAddress, moderatorGet.Headers.Location!).AbsolutePath);

        // A POST without the page's form (and so without a valid token) changes nothing either.
        var before = await StateAsync(ended.Event.Id);
        using var post = await moderator.PostAsync(ended.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "publish", ["PublishInput.Command"] = "publish", ["PublishInput.ConfirmFlags"] = "on",
        }));
        Assert.False(post.IsSuccessStatusCode, $"POST answered {(int)post.StatusCode}");
        Assert.DoesNotContain("geprueft", post.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(ended.Event.Id));
    }

    [Fact]
    public async Task An_event_that_has_not_ended_shows_that_it_has_no_transcript_yet()
    {
        var ev = await fixture.CreateEventAsync();
        using var http = await OrganiserAsync();

        var page = await PageAsync(http, $"/organisation/veranstaltungen/{ev.Id}/transkript");

        Assert.NotNull(page.GetElementById("no-transcript"));
        Assert.Empty(page.QuerySelectorAll("main form"));
    }
}
