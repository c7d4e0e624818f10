using System.Text.Json;
using AngleSharp.Html.Parser;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Live;

/// <summary>
/// A viewer's snapshot holds a first page of the public questions (the question on stage, the
/// most-voted and the newest); GetPublicQuestions returns the rest page by page (docs/hub-protocol.md).
/// A small first page (4) and pages of 3 stand in for the defaults of 100 and 200.
/// </summary>
public sealed class PublicQuestionPagesTests(PublicPagesFixture fixture) : IClassFixture<PublicPagesFixture>
{
    [Fact]
    public async Task Over_the_limit_a_viewer_gets_the_question_on_stage_the_most_voted_and_the_newest_and_the_totals()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var ids = await AddPublicAsync(moderator, ev, 9);
        var (pending, rejected) = await AddHiddenAsync(moderator, ev);
        await VoteAsync(ev, ids[1], voters: 2);
        await VoteAsync(ev, ids[4], voters: 1);
        // Staging is a numbered change: the next join reads the public rows again, votes included.
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, ids[2]);

        await using var viewer = await fixture.AnonymousAsync(ev, "viewer");

        // On stage: #3; room for 3 more: one most-voted (#2, two votes), then the newest (#9, #8); in ascending id order.
        var first = viewer.Joined.GetProperty("publicQuestions");
        Assert.Equal([ids[1], ids[2], ids[7], ids[8]], first.Ids());
        Assert.Equal("onStage", first.Find(ids[2]).Status());
        Assert.Equal(9, viewer.Joined.GetProperty("publicQuestionTotal").GetInt32());
        Assert.True(viewer.Joined.GetProperty("morePublicQuestions").GetBoolean());
        Assert.DoesNotContain(pending, first.Ids());
        Assert.DoesNotContain(rejected, first.Ids());

        // The presenter screen shows the next questions by the moderators' order: all of them.
        await using var presenter = await fixture.PresenterAsync(ev);
        Assert.Equal(ids, presenter.Joined.GetProperty("publicQuestions").Ids());
        Assert.Equal(9, presenter.Joined.GetProperty("publicQuestionTotal").GetInt32());
        Assert.False(presenter.Joined.GetProperty("morePublicQuestions").GetBoolean());
        Assert.Equal(ids, (await presenter.SnapshotAsync(ev.Id)).GetProperty("publicQuestions").Ids());

        // Moderators have every question in the queue; the total counts the public ones.
        var queue = await moderator.SnapshotAsync(ev.Id);
        Assert.Equal(11, queue.GetProperty("queue").GetArrayLength());
        Assert.Equal(9, queue.GetProperty("publicQuestionTotal").GetInt32());
        Assert.False(queue.GetProperty("morePublicQuestions").GetBoolean());

        // GetSnapshot after a gap gives a viewer the same first page.
        Assert.Equal(first.Ids(), (await viewer.SnapshotAsync(ev.Id)).GetProperty("publicQuestions").Ids());
    }

    [Fact]
    public async Task The_page_rendered_on_the_server_shows_the_first_page_and_the_link_to_all_shows_all()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var ids = await AddPublicAsync(moderator, ev, 6);
        using var http = fixture.App.CreateClient();
        var parser = new HtmlParser();

        var page = parser.ParseDocument(await http.GetStringAsync($"/events/{ev.Slug}"));
        Assert.Equal(ids[^4..], Listed(page));
        var more = page.QuerySelector("form#questions-more")!;
        Assert.False(more.HasAttribute("hidden"));
        Assert.Equal("Weitere Fragen laden", more.QuerySelector("button")!.TextContent);
        Assert.Equal("1", more.QuerySelector("input[name='alle']")!.GetAttribute("value"));

        // Without JavaScript the button asks for the whole list; the sort form keeps it.
        var all = parser.ParseDocument(await http.GetStringAsync($"/events/{ev.Slug}?alle=1&sortierung=neueste"));
        Assert.Equal(Enumerable.Reverse(ids), Listed(all));
        Assert.True(all.QuerySelector("form#questions-more")!.HasAttribute("hidden"));
        Assert.Equal("1", all.QuerySelector("#sort-form input[name='alle']")!.GetAttribute("value"));
        Assert.Equal("true", all.QuerySelector("[data-viewer]")!.GetAttribute("data-whole-list"));

        var embed = parser.ParseDocument(await http.GetStringAsync($"/embed/{ev.Slug}"));
        Assert.Equal(ids[^4..], Listed(embed));
        Assert.False(embed.QuerySelector("form#questions-more")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Paging_from_the_newest_returns_every_public_question_exactly_once_with_the_snapshot_in_order()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var ids = await AddPublicAsync(moderator, ev, 8);
        var (pending, rejected) = await AddHiddenAsync(moderator, ev);
        await using var viewer = await fixture.AnonymousAsync(ev, "viewer");
        var snapshotSeq = viewer.Joined.Seq();

        var pages = new List<JsonElement>();
        long? cursor = null;
        do
        {
            var page = await viewer.InvokeAsync("GetPublicQuestions", ev.Id, cursor);
            pages.Add(page);
            var pageIds = page.GetProperty("questions").Ids();
            Assert.InRange(pageIds.Count, 1, 3);
            Assert.Equal(pageIds.Order(), pageIds);
            Assert.All(pageIds, id => Assert.True(cursor is null || id < cursor, $"{id} is not below the cursor {cursor}"));
            Assert.Equal(ev.Id, page.GetProperty("eventId").GetInt64());
            Assert.Equal(snapshotSeq, page.Seq());
            cursor = pageIds[0];
        }
        while (pages[^1].GetProperty("more").GetBoolean());

        // The newest three, the three before, the first two.
        static string Joined(IEnumerable<long> list) => string.Join(",", list);
        Assert.Equal([Joined(ids[5..8]), Joined(ids[2..5]), Joined(ids[0..2])], pages.Select(p => Joined(p.GetProperty("questions").Ids())));
        var paged = pages.SelectMany(p => p.GetProperty("questions").Ids()).ToList();
        Assert.Equal(paged.Count, paged.Distinct().Count());
        var seen = paged.Concat(viewer.Joined.GetProperty("publicQuestions").Ids()).ToHashSet();
        Assert.Equal(ids.ToHashSet(), seen);
        Assert.DoesNotContain(pending, seen);
        Assert.DoesNotContain(rejected, seen);
        var json = string.Concat(pages.Select(p => p.GetRawText()));
        Assert.DoesNotContain("VERBORGEN", json, StringComparison.Ordinal);

        // Past the oldest: an empty page, nothing more.
        var beyond = await viewer.InvokeAsync("GetPublicQuestions", ev.Id, ids[0]);
        Assert.Empty(beyond.GetProperty("questions").EnumerateArray());
        Assert.False(beyond.GetProperty("more").GetBoolean());

        // The chain every viewer walks is the same for all of them: each page is made (and serialized) once.
        var reader = fixture.App.Get<SnapshotReader>();
        Assert.Same((await reader.PageAsync(ev.Id, ids[5]))!.Questions, (await reader.PageAsync(ev.Id, ids[5]))!.Questions);
        Assert.IsType<SharedPublicQuestions>((await reader.PageAsync(ev.Id, null))!.Questions);
    }

    [Fact]
    public async Task A_page_asked_for_after_a_change_arrived_is_numbered_at_least_as_high_and_holds_the_change()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var ids = await AddPublicAsync(moderator, ev, 5);
        await using var viewer = await fixture.AnonymousAsync(ev, "viewer");

        // Each change, once the viewer has its message: answered (an old question the first page left out), then a new one.
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, ids[0], "Schriftlich beantwortet.");
        var answered = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions").Ids().Contains(ids[0]));
        var page = await viewer.InvokeAsync("GetPublicQuestions", ev.Id, ids[2]);
        Assert.True(page.Seq() >= answered.Seq(), $"page at seq {page.Seq()}, change at {answered.Seq()}");
        Assert.Equal("answered", page.GetProperty("questions").Find(ids[0]).Status());

        var added = (await AddPublicAsync(moderator, ev, 1))[0];
        var arrived = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions").Ids().Contains(added));
        var newest = await viewer.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null);
        Assert.True(newest.Seq() >= arrived.Seq(), $"page at seq {newest.Seq()}, change at {arrived.Seq()}");
        Assert.Contains(added, newest.GetProperty("questions").Ids());

        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, added, "offTopic");
        var removed = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.TryGetProperty("removed", out var r) && r.ValueKind == JsonValueKind.Array && r.IdArray().Contains(added));
        var after = await viewer.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null);
        Assert.True(after.Seq() >= removed.Seq());
        Assert.DoesNotContain(added, after.GetProperty("questions").Ids());
    }

    [Fact]
    public async Task Under_the_limit_the_snapshot_has_every_public_question_and_nothing_more_to_page()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        var ids = await AddPublicAsync(moderator, ev, 4);
        await using var viewer = await fixture.AnonymousAsync(ev, "viewer");

        Assert.Equal(ids, viewer.Joined.GetProperty("publicQuestions").Ids());
        Assert.Equal(4, viewer.Joined.GetProperty("publicQuestionTotal").GetInt32());
        Assert.False(viewer.Joined.GetProperty("morePublicQuestions").GetBoolean());
    }

    [Fact]
    public async Task A_draft_or_unknown_event_is_not_found_for_viewers_and_staff_alike()
    {
        var draft = await fixture.CreateEventAsync(status: "draft");
        await using var viewer = await fixture.ConnectAsync(HubCaller.Viewer, draft.Id);
        await using var organiser = await fixture.ConnectAsync(HubCaller.Organiser, draft.Id);

        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("GetPublicQuestions", draft.Id, (long?)null)));
        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => organiser.InvokeAsync("GetPublicQuestions", draft.Id, (long?)null)));
        Assert.Equal("event-not-found", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("GetPublicQuestions", 987_654_321L, (long?)null)));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_and_the_connection_stays_usable()
    {
        var ev = await fixture.CreateEventAsync();
        await using var viewer = await fixture.AnonymousAsync(ev, "viewer");

        foreach (var beforeId in new long[] { 0, -1 })
        {
            var error = await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("GetPublicQuestions", ev.Id, beforeId));
            Assert.Equal("invalid-argument", error.Code);
            Assert.Contains("beforeId", error.Message);
        }

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("GetPublicQuestions", ev.Id, "älteste")));
        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => viewer.InvokeAsync("GetPublicQuestions", ev.Id)));
        Assert.False((await viewer.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null)).GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task Pages_are_limited_per_connection_and_minute()
    {
        await using var own = await QuestionFixture.StartAsync(new Dictionary<string, string?> { ["Live:QuestionPagesPerConnectionPerMinute"] = "2" });
        var ev = await own.CreateEventAsync();
        await using var viewer = await own.AnonymousAsync(ev, "viewer");
        await using var neighbour = await own.AnonymousAsync(ev, "viewer at the same address");

        await viewer.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null);
        await viewer.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null);
        var error = await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null));
        Assert.Equal("rate-limited", error.Code);
        Assert.Contains("Bitte warten Sie eine Minute.", error.Message);

        // Another connection has its own budget; a minute later this one has again.
        await neighbour.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null);
        own.App.Time.Advance(TimeSpan.FromMinutes(1));
        await viewer.InvokeAsync("GetPublicQuestions", ev.Id, (long?)null);
    }

    private static IReadOnlyList<long> Listed(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#question-list > li").Select(li => long.Parse(li.GetAttribute("data-question-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Public questions added by the moderator (approved at once), one fake-clock minute apart, oldest first.</summary>
    private async Task<long[]> AddPublicAsync(Participant moderator, TestEvent ev, int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            fixture.App.Time.Advance(TimeSpan.FromMinutes(1));
            var added = await moderator.InvokeAsync("AddQuestion", ev.Id, new { text = $"Öffentliche Frage Nummer {i + 1}", displayName = (string?)null, organisation = (string?)null, source = "email", blockNumber = (int?)null });
            ids[i] = added.Id();
        }

        return ids;
    }

    /// <summary>A pending question and one that was public and was then rejected: neither may reach a viewer.</summary>
    private async Task<(long Pending, long Rejected)> AddHiddenAsync(Participant moderator, TestEvent ev)
    {
        await using var asker = await fixture.ViewerAsync(ev, "asker");
        var pending = await asker.AskAsync(ev.Id, "VERBORGEN: wartet auf Freigabe");
        var rejected = await fixture.ApprovedAsync(ev, asker, moderator, "VERBORGEN: freigegeben und dann abgelehnt");
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejected.Id(), "offTopic");
        return (pending.Id(), rejected.Id());
    }

    private async Task VoteAsync(TestEvent ev, long questionId, int voters)
    {
        for (var i = 0; i < voters; i++)
        {
            await using var voter = await fixture.ViewerAsync(ev, $"voter {i}", join: false);
            await voter.InvokeAsync("Vote", ev.Id, questionId, true);
        }
    }
}

/// <summary>The live fixture with a first page of 4 public questions and pages of 3, and the question fixture's generous limits.</summary>
public sealed class PublicPagesFixture()
    : LiveFixture(
        new FixtureNames("Testreihe Seiten", "testreihe-seiten", "seiten-", "Spot on OZG Seiten", "Eine Sendung für die Tests der Fragenseiten."),
        new Dictionary<string, string?>(QuestionFixture.GenerousLimits) { ["Live:FirstPageQuestions"] = "4", ["Live:QuestionPageSize"] = "3" });
