using System.Net;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Organisers;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;
using QuestionCaller = OzgLive.Web.Questions.Caller;

namespace OzgLive.Tests.Live;

/// <summary>
/// The presenter screen: joined with the event's secret key (or as a signed-in moderator), it sees
/// the clock, the public questions and the backstage messages, and nothing else; organisers renew
/// or revoke the key, which cuts off the screens using the old one.
/// </summary>
public sealed class PresenterTests(LiveFixture fixture) : IClassFixture<LiveFixture>, IAsyncDisposable
{
    private readonly List<HubTestClient> organisers = [];

    // ASCII only: the texts are also searched for in raw JSON, where the server escapes umlauts.
    private const string PendingText = "Diese Frage wartet noch auf Freigabe und darf nicht auf die Buehne?";
    private const string ApprovedText = "Diese Frage ist freigegeben: Wann kommt der digitale Bauantrag?";

    private const string Long = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";

    [Fact]
    public async Task Joining_with_the_current_key_gives_the_presenter_view_without_pending_questions_or_the_key()
    {
        var (ev, organiser, key) = await EventWithKeyAsync();
        await AskAsync(ev.Id, PendingText);
        await AddAsync(organiser, ev.Id, ApprovedText);
        await organiser.InvokeAsync("SendBackstageMessage", ev.Id, "Bitte zum Ende kommen.");

        await using var screen = await fixture.App.ConnectAsync();
        var snapshot = await screen.InvokeAsync("JoinAsPresenter", ev.Slug, key);

        Assert.Equal("presenter", snapshot.GetProperty("role").GetString());
        Assert.Equal(ApprovedText, Assert.Single(snapshot.GetProperty("publicQuestions").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("Bitte zum Ende kommen.", Assert.Single(snapshot.GetProperty("backstage").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("queue").ValueKind);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("presenterKey").ValueKind);
        Assert.DoesNotContain(PendingText, snapshot.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, snapshot.GetRawText(), StringComparison.Ordinal);

        // The presenter is on the public stream: the same seq a viewer sees.
        await using var viewer = await fixture.App.ConnectAsync();
        Assert.Equal((await viewer.InvokeAsync("JoinEvent", ev.Slug)).Seq(), snapshot.Seq());
        Assert.Equal(snapshot.GetRawText(), (await screen.InvokeAsync("GetSnapshot", ev.Id)).GetRawText());
    }

    [Fact]
    public async Task The_presenter_receives_clock_public_questions_backstage_and_warnings_but_never_the_moderators_queue()
    {
        var (ev, organiser, key) = await EventWithKeyAsync();
        await using var screen = await fixture.App.ConnectAsync();
        await screen.InvokeAsync("JoinAsPresenter", ev.Slug, key);

        await organiser.ClockAsync("StartEvent", ev.Id);
        var clock = await screen.WaitForAsync(ServerMessages.ClockChanged);
        Assert.Equal("startEvent", clock.GetProperty("command").GetString());

        // A pending question reaches moderators only; once approved it reaches the presenter.
        var pending = await AskAsync(ev.Id, PendingText);
        await organiser.WaitForAsync(QuestionMessageNames.QueueChanged, q => q.GetRawText().Contains(PendingText, StringComparison.Ordinal));
        await screen.RoundTripAsync(ev.Id);
        Assert.DoesNotContain(screen.Received, m => m.Argument.GetRawText().Contains(PendingText, StringComparison.Ordinal));
        await organiser.InvokeAsync("ApproveQuestion", ev.Id, pending.Id, 1L);
        var questions = await screen.WaitForAsync(QuestionMessageNames.QuestionsChanged);
        var shown = Assert.Single(questions.GetProperty("questions").EnumerateArray());
        Assert.Equal(pending.Id, shown.GetProperty("id").GetInt64());
        Assert.Equal("approved", shown.GetProperty("status").GetString());

        await organiser.InvokeAsync("SendBackstageMessage", ev.Id, "Noch zwei Fragen.");
        var backstage = await screen.WaitForAsync(QuestionMessageNames.BackstageChanged);
        Assert.Equal("Noch zwei Fragen.", Assert.Single(backstage.GetProperty("messages").EnumerateArray()).GetProperty("text").GetString());

        await organiser.ClockAsync("StartBlock", ev.Id, 1);
        fixture.App.Time.Advance(TimeSpan.FromMinutes(25) + TimeSpan.FromSeconds(1));
        await fixture.App.TickAsync();
        var warning = await screen.WaitForAsync(ServerMessages.ClockWarning);
        Assert.Equal("fiveMinutes", warning.GetProperty("level").GetString());
        Assert.Equal(1, warning.GetProperty("blockNumber").GetInt32());

        await screen.RoundTripAsync(ev.Id);
        Assert.DoesNotContain(screen.Received, m => m.Target is QuestionMessageNames.QueueChanged or ServerMessages.PresenterKeyChanged);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("falscher-schluessel")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData(Long)]
    public async Task A_wrong_or_missing_key_is_refused_and_the_screen_hears_nothing(string? wrongKey)
    {
        var (ev, organiser, _) = await EventWithKeyAsync();
        await using var screen = await fixture.App.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubCallException>(() => screen.InvokeAsync("JoinAsPresenter", ev.Slug, wrongKey));
        Assert.Equal("invalid-presenter-key", refused.Code);
        Assert.Contains("Referierendenansicht", refused.Message);

        await organiser.ClockAsync("StartEvent", ev.Id);
        await organiser.InvokeAsync("SendBackstageMessage", ev.Id, "Nur für die Bühne.");
        // Not joined at all: the snapshot it may get is the public one.
        Assert.Equal("viewer", (await screen.InvokeAsync("GetSnapshot", ev.Id)).GetProperty("role").GetString());
        Assert.Empty(screen.Received);
    }

    [Fact]
    public async Task The_key_of_one_event_does_not_open_another()
    {
        var (first, _, firstKey) = await EventWithKeyAsync();
        var (second, _, _) = await EventWithKeyAsync();
        await using var screen = await fixture.App.ConnectAsync();

        var refused = await Assert.ThrowsAsync<HubCallException>(() => screen.InvokeAsync("JoinAsPresenter", second.Slug, firstKey));
        Assert.Equal("invalid-presenter-key", refused.Code);
        Assert.Equal("presenter", (await screen.InvokeAsync("JoinAsPresenter", first.Slug, firstKey)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_event_without_a_key_opens_to_no_key()
    {
        var ev = await fixture.CreateEventAsync();
        await using var screen = await fixture.App.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubCallException>(() => screen.InvokeAsync("JoinAsPresenter", ev.Slug, "irgendetwas"));
        Assert.Equal("invalid-presenter-key", refused.Code);
    }

    [Fact]
    public async Task A_new_key_cuts_off_screens_using_the_old_one_and_only_the_new_one_works()
    {
        var (ev, organiser, oldKey) = await EventWithKeyAsync();
        await using var oldScreen = await fixture.App.ConnectAsync();
        await oldScreen.InvokeAsync("JoinAsPresenter", ev.Slug, oldKey);

        var newKey = (await organiser.InvokeAsync("RegeneratePresenterKey", ev.Id)).GetString()!;
        Assert.NotEqual(oldKey, newKey);
        Assert.Matches("^[A-Za-z0-9_-]{32}$", newKey);

        var revoked = await oldScreen.WaitForAsync(ServerMessages.AccessRevoked);
        Assert.Equal(ev.Id, revoked.GetProperty("eventId").GetInt64());

        await using var newScreen = await fixture.App.ConnectAsync();
        Assert.Equal("presenter", (await newScreen.InvokeAsync("JoinAsPresenter", ev.Slug, newKey)).GetProperty("role").GetString());
        await using var lateScreen = await fixture.App.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubCallException>(() => lateScreen.InvokeAsync("JoinAsPresenter", ev.Slug, oldKey));
        Assert.Equal("invalid-presenter-key", refused.Code);

        // Only the screen with the new key hears what happens next.
        await organiser.ClockAsync("StartEvent", ev.Id);
        await organiser.InvokeAsync("SendBackstageMessage", ev.Id, "Neuer Bildschirm?");
        await newScreen.WaitForAsync(ServerMessages.ClockChanged);
        await newScreen.WaitForAsync(QuestionMessageNames.BackstageChanged);
        // A round trip after both were sent: had the old screen been sent either, it would have arrived before the answer.
        await oldScreen.RoundTripAsync(ev.Id);
        Assert.DoesNotContain(oldScreen.Received, m => m.Target is ServerMessages.ClockChanged or QuestionMessageNames.BackstageChanged);

        // Asking again for a snapshot gives the old screen the public view only.
        var snapshot = await oldScreen.InvokeAsync("GetSnapshot", ev.Id);
        Assert.Equal("viewer", snapshot.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("backstage").ValueKind);
    }

    [Fact]
    public async Task Screens_joining_with_the_old_key_while_it_is_renewed_are_either_refused_or_cut_off()
    {
        var (ev, organiser, oldKey) = await EventWithKeyAsync();
        var screens = new List<HubTestClient>();
        for (var i = 0; i < 12; i++)
        {
            screens.Add(await fixture.App.ConnectAsync());
        }

        try
        {
            var joins = screens.Select(async screen =>
            {
                try
                {
                    await screen.InvokeAsync("JoinAsPresenter", ev.Slug, oldKey);
                    return true;
                }
                catch (HubCallException ex) when (ex.Code == "invalid-presenter-key")
                {
                    return false;
                }
            }).ToList();
            var renew = organiser.InvokeAsync("RegeneratePresenterKey", ev.Id);
            var joined = await Task.WhenAll(joins);
            await renew;

            // Every screen that got in with the old key was told, and none hears what happens next.
            foreach (var screen in screens.Where((_, i) => joined[i]))
            {
                await screen.WaitForAsync(ServerMessages.AccessRevoked);
            }

            await organiser.ClockAsync("StartEvent", ev.Id);
            await organiser.WaitForAsync(ServerMessages.ClockChanged);
            foreach (var screen in screens)
            {
                await screen.RoundTripAsync(ev.Id);
                Assert.DoesNotContain(screen.Received, m => m.Target == ServerMessages.ClockChanged);
            }
        }
        finally
        {
            foreach (var screen in screens)
            {
                await screen.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Revoking_the_key_cuts_off_every_key_screen_and_no_key_works_until_a_new_one_is_made()
    {
        var (ev, organiser, key) = await EventWithKeyAsync();
        await using var first = await fixture.App.ConnectAsync();
        await using var second = await fixture.App.ConnectAsync();
        await first.InvokeAsync("JoinAsPresenter", ev.Slug, key);
        await second.InvokeAsync("JoinAsPresenter", ev.Slug, key);

        await organiser.InvokeAsync("RevokePresenterKey", ev.Id);
        await first.WaitForAsync(ServerMessages.AccessRevoked);
        await second.WaitForAsync(ServerMessages.AccessRevoked);
        Assert.Null(await fixture.App.Get<PresenterKeys>().CurrentAsync(ev.Id));

        await using var again = await fixture.App.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubCallException>(() => again.InvokeAsync("JoinAsPresenter", ev.Slug, key));
        Assert.Equal("invalid-presenter-key", refused.Code);

        await organiser.InvokeAsync("SendBackstageMessage", ev.Id, "Hört das noch jemand?");
        await organiser.ClockAsync("StartEvent", ev.Id);
        await organiser.WaitForAsync(ServerMessages.ClockChanged);
        await first.RoundTripAsync(ev.Id);
        await second.RoundTripAsync(ev.Id);
        Assert.DoesNotContain(first.Received.Concat(second.Received), m => m.Target is ServerMessages.ClockChanged or QuestionMessageNames.BackstageChanged);

        var newKey = (await organiser.InvokeAsync("RegeneratePresenterKey", ev.Id)).GetString()!;
        Assert.Equal("presenter", (await again.InvokeAsync("JoinAsPresenter", ev.Slug, newKey)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_key_change_is_a_numbered_change_for_moderators_only_and_is_audited_without_the_key()
    {
        var (ev, organiser, _) = await EventWithKeyAsync();
        await using var viewer = await fixture.App.ConnectAsync();
        var viewerSeq = (await viewer.InvokeAsync("JoinEvent", ev.Slug)).Seq();
        var modSeq = (await organiser.InvokeAsync("GetSnapshot", ev.Id)).Seq();

        var key = (await organiser.InvokeAsync("RegeneratePresenterKey", ev.Id)).GetString()!;
        var changed = await organiser.WaitForAsync(ServerMessages.PresenterKeyChanged, m => m.GetProperty("presenterKey").GetString() == key);
        Assert.Equal(modSeq + 1, changed.Seq());
        await organiser.InvokeAsync("RevokePresenterKey", ev.Id);
        var revoked = await organiser.WaitForAsync(ServerMessages.PresenterKeyChanged, m => m.GetProperty("presenterKey").ValueKind == JsonValueKind.Null);
        Assert.Equal(modSeq + 2, revoked.Seq());

        // Viewers' stream is untouched: no message, no gap.
        await viewer.RoundTripAsync(ev.Id);
        Assert.Empty(viewer.Received);
        Assert.Equal(viewerSeq, (await viewer.InvokeAsync("GetSnapshot", ev.Id)).Seq());

        var log = await organiser.InvokeAsync("GetAuditLog", ev.Id);
        var actions = log.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(new[] { "presenter-key-renew", "presenter-key-renew", "presenter-key-revoke" }, actions);
        Assert.All(log.EnumerateArray(), e => Assert.StartsWith("account:", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(key, log.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kein-gueltiger-schluessel")]
    public async Task A_signed_in_moderator_of_the_event_opens_the_presenter_view_without_a_key(string? key)
    {
        var (ev, organiser, _) = await EventWithKeyAsync();
        await AskAsync(ev.Id, PendingText);
        await using var moderator = await fixture.ConnectAsync(HubCaller.AssignedModerator, ev.Id);

        var snapshot = await moderator.InvokeAsync("JoinAsPresenter", ev.Slug, key);

        // The presenter's view, not the moderator's: the stage screen never shows pending questions.
        Assert.Equal("presenter", snapshot.GetProperty("role").GetString());
        Assert.DoesNotContain(PendingText, snapshot.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("presenterKey").ValueKind);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("queue").ValueKind);
        Assert.Equal(snapshot.GetRawText(), (await moderator.InvokeAsync("GetSnapshot", ev.Id)).GetRawText());

        // Its access is the account's, not the key's: renewing the key does not cut it off.
        await organiser.InvokeAsync("RegeneratePresenterKey", ev.Id);
        await organiser.InvokeAsync("SendBackstageMessage", ev.Id, "Für die Moderation auf der Bühne.");
        await moderator.WaitForAsync(QuestionMessageNames.BackstageChanged);
        await moderator.RoundTripAsync(ev.Id);
        Assert.DoesNotContain(moderator.Received, m => m.Target is ServerMessages.AccessRevoked or QuestionMessageNames.QueueChanged or ServerMessages.PresenterKeyChanged);
    }

    [Fact]
    public async Task A_moderator_of_another_event_needs_the_key_like_anyone_else()
    {
        var (ev, _, key) = await EventWithKeyAsync();
        await using var moderator = await fixture.ConnectAsync(HubCaller.UnassignedModerator, ev.Id);

        var refused = await Assert.ThrowsAsync<HubCallException>(() => moderator.InvokeAsync("JoinAsPresenter", ev.Slug, (string?)null));
        Assert.Equal("invalid-presenter-key", refused.Code);
        Assert.Equal("presenter", (await moderator.InvokeAsync("JoinAsPresenter", ev.Slug, key)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_presenter_cannot_open_a_draft_event_even_with_its_key()
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, draft.Id);
        var key = (await organiser.InvokeAsync("RegeneratePresenterKey", draft.Id)).GetString()!;

        await using var screen = await fixture.App.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubCallException>(() => screen.InvokeAsync("JoinAsPresenter", draft.Slug, key));
        Assert.Equal("event-not-found", refused.Code);
    }

    [Theory]
    [InlineData("RegeneratePresenterKey")]
    [InlineData("RevokePresenterKey")]
    public async Task A_key_for_an_event_that_does_not_exist_is_refused_and_the_connection_stays_usable(string method)
    {
        var (ev, organiser, _) = await EventWithKeyAsync();

        var refused = await Assert.ThrowsAsync<HubCallException>(() => organiser.InvokeAsync(method, 987_654_321L));

        Assert.Equal("event-not-found", refused.Code);
        Assert.Equal("organiser", (await organiser.InvokeAsync("GetSnapshot", ev.Id)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Leaving_the_event_ends_the_presenter_feed_and_the_presenter_view()
    {
        var (ev, organiser, key) = await EventWithKeyAsync();
        await using var screen = await fixture.App.ConnectAsync();
        await screen.InvokeAsync("JoinAsPresenter", ev.Slug, key);

        await screen.InvokeAsync("LeaveEvent", ev.Id);
        await organiser.InvokeAsync("SendBackstageMessage", ev.Id, "Weg?");
        await organiser.ClockAsync("StartEvent", ev.Id);
        await organiser.WaitForAsync(ServerMessages.ClockChanged);

        Assert.Equal("viewer", (await screen.InvokeAsync("GetSnapshot", ev.Id)).GetProperty("role").GetString());
        Assert.Empty(screen.Received);
    }

    // ---- The organiser page's "Referierendenansicht" section ----------------------------------

    [Fact]
    public async Task The_organiser_page_shows_the_current_link_and_renews_it_cutting_off_the_old_screen()
    {
        var (ev, _, oldKey) = await EventWithKeyAsync();
        await using var oldScreen = await fixture.App.ConnectAsync();
        await oldScreen.InvokeAsync("JoinAsPresenter", ev.Slug, oldKey);
        using var http = fixture.App.CreateClient(await fixture.CookiesForAsync(HubCaller.Organiser, ev.Id));
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        var page = OrganiserSite.Parse(await http.GetStringAsync(path));
        var section = page.QuerySelector("section#presenter")!;
        Assert.Equal("Referierendenansicht", section.QuerySelector("h2")!.TextContent);
        Assert.Equal(new Uri(fixture.App.BaseAddress, $"/events/{ev.Slug}/stage?key={oldKey}").ToString(), section.QuerySelector("#presenter-link")!.GetAttribute("value"));

        using var renewed = await TestApp.PostFormAsync(http, path, new() { ["_handler"] = "presenter-key", ["PresenterInput.Command"] = "renew" });
        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        Assert.Equal($"{path}?hinweis=referent-neu#presenter", Location(renewed));

        await oldScreen.WaitForAsync(ServerMessages.AccessRevoked);
        var newKey = await fixture.App.Get<PresenterKeys>().CurrentAsync(ev.Id);
        Assert.NotNull(newKey);
        Assert.NotEqual(oldKey, newKey);
        var after = OrganiserSite.Parse(await http.GetStringAsync(Location(renewed)));
        Assert.Contains("Ein neuer Link zur Referierendenansicht wurde erzeugt.", after.QuerySelector("section#presenter .notice")!.TextContent);
        Assert.EndsWith($"/events/{ev.Slug}/stage?key={newKey}", after.QuerySelector("#presenter-link")!.GetAttribute("value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_organiser_page_revokes_the_link_and_then_offers_only_a_new_one()
    {
        var (ev, _, key) = await EventWithKeyAsync();
        await using var screen = await fixture.App.ConnectAsync();
        await screen.InvokeAsync("JoinAsPresenter", ev.Slug, key);
        using var http = fixture.App.CreateClient(await fixture.CookiesForAsync(HubCaller.Organiser, ev.Id));
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        using var revoked = await TestApp.PostFormAsync(http, path, new() { ["_handler"] = "presenter-key", ["PresenterInput.Command"] = "revoke" });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await screen.WaitForAsync(ServerMessages.AccessRevoked);
        Assert.Null(await fixture.App.Get<PresenterKeys>().CurrentAsync(ev.Id));

        var page = OrganiserSite.Parse(await http.GetStringAsync(Location(revoked)));
        var section = page.QuerySelector("section#presenter")!;
        Assert.Null(section.QuerySelector("#presenter-link"));
        Assert.Contains("keinen gültigen Link", section.QuerySelector("#presenter-no-link")!.TextContent);
        Assert.Equal(new[] { "Neuen Link erzeugen" }, section.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.DoesNotContain(key, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // Revoking again (a stale page) is refused with a message and changes nothing.
        using var again = await TestApp.PostFormAsync(http, path, new() { ["_handler"] = "presenter-key", ["PresenterInput.Command"] = "revoke" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("keinen gültigen Link", OrganiserSite.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("#presenter-error")!.TextContent);
    }

    [Fact]
    public async Task A_moderator_can_neither_see_nor_change_the_link_on_the_organiser_page()
    {
        var (ev, _, key) = await EventWithKeyAsync();
        using var http = fixture.App.CreateClient(await fixture.CookiesForAsync(HubCaller.AssignedModerator, ev.Id));
        var path = $"/organisation/veranstaltungen/{ev.Id}";

        using var get = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.DoesNotContain(key, await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A well-formed POST with a token from a page the moderator may see.
        var home = await http.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = await http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "presenter-key",
            ["PresenterInput.Command"] = "renew",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/kein-zugriff", new Uri(fixture.App.BaseAddress, post.Headers.Location!).AbsolutePath);
        Assert.Equal(key, await fixture.App.Get<PresenterKeys>().CurrentAsync(ev.Id));
    }

    [Fact]
    public async Task The_page_of_an_event_without_a_key_says_so_and_a_draft_says_when_the_view_opens()
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        using var http = fixture.App.CreateClient(await fixture.CookiesForAsync(HubCaller.Organiser, draft.Id));
        var section = OrganiserSite.Parse(await http.GetStringAsync($"/organisation/veranstaltungen/{draft.Id}")).QuerySelector("section#presenter")!;

        Assert.NotNull(section.QuerySelector("#presenter-no-link"));
        Assert.Contains("sobald die Veranstaltung kein Entwurf mehr ist", section.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { "Neuen Link erzeugen" }, section.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var organiser in organisers)
        {
            await organiser.DisposeAsync();
        }
    }

    private string Location(HttpResponseMessage response)
    {
        var location = new Uri(fixture.App.BaseAddress, response.Headers.Location!);
        return location.PathAndQuery + location.Fragment;
    }

    /// <summary>A fresh event with a presenter key, and the organiser's connection (joined; closed after the test).</summary>
    private async Task<(TestEvent Event, HubTestClient Organiser, string Key)> EventWithKeyAsync()
    {
        var ev = await fixture.CreateEventAsync();
        var organiser = await fixture.ConnectAsync(HubCaller.Organiser, ev.Id);
        organisers.Add(organiser);
        await organiser.InvokeAsync("JoinEvent", ev.Slug);
        var key = (await organiser.InvokeAsync("RegeneratePresenterKey", ev.Id)).GetString()!;
        return (ev, organiser, key);
    }

    /// <summary>A viewer's question (pending: auto-approve is off), from an address of its own.</summary>
    private async Task<OwnQuestion> AskAsync(long eventId, string text)
    {
        var viewer = "zuschauer-" + Guid.NewGuid().ToString("N")[..12];
        return await fixture.App.Get<QuestionService>().AskAsync(
            new QuestionCaller(viewer, "test-" + Guid.NewGuid().ToString("N"), "viewer:" + viewer), eventId, "c" + Guid.NewGuid().ToString("N"), text, null, null, null);
    }

    private static Task<JsonElement> AddAsync(HubTestClient organiser, long eventId, string text) =>
        organiser.InvokeAsync("AddQuestion", eventId, new { text, source = "email" });
}
