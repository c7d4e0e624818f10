using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Live;

/// <summary>
/// The viewers' snapshot is read once from the public rows and shared by everyone joining at the
/// same <c>seq</c> (SnapshotReader, SharedPublicQuestions). These tests check what that sharing must
/// never change: a join after a change sees the change, a pending question never reaches a viewer,
/// and a change written by another process reaches new joins once it is announced through
/// <see cref="SnapshotReader.Changed"/> (as a backplane does).
/// </summary>
public sealed class SharedSnapshotTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Two_joins_at_the_same_seq_get_the_same_public_questions_serialized_once()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var asker = await fixture.ViewerAsync(ev, "asker");
        await fixture.ApprovedAsync(ev, asker, moderator, "Wie lange dauert die Prüfung eines Antrags?");

        await using var a = await fixture.AnonymousAsync(ev, "viewer A");
        await using var b = await fixture.AnonymousAsync(ev, "viewer B");

        Assert.Equal(a.Joined.Seq(), b.Joined.Seq());
        Assert.Equal(a.Joined.GetProperty("publicQuestions").GetRawText(), b.Joined.GetProperty("publicQuestions").GetRawText());
        Assert.Equal(["Wie lange dauert die Prüfung eines Antrags?"], a.Joined.GetProperty("publicQuestions").EnumerateArray().Select(q => q.Text()));

        // What the hub wrote for both: one list, serialized once with the hub's options.
        var reader = fixture.App.Get<SnapshotReader>();
        var first = await reader.ReadAsync(ev.Id, EventRole.Viewer, viewerId: null, shared: true);
        var second = await reader.ReadAsync(ev.Id, EventRole.Viewer, viewerId: null, shared: true);
        var shared = Assert.IsType<SharedPublicQuestions>(first!.PublicQuestions);
        Assert.Same(shared, second!.PublicQuestions);
        var options = fixture.App.Get<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;
        Assert.Same(shared.Json(options), ((SharedPublicQuestions)second.PublicQuestions!).Json(options));
    }

    [Fact]
    public async Task A_join_after_a_change_gets_the_new_state_and_seq()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var asker = await fixture.ViewerAsync(ev, "asker");
        await using var before = await fixture.AnonymousAsync(ev, "viewer before");
        Assert.Empty(before.Joined.GetProperty("publicQuestions").EnumerateArray());

        var approved = await fixture.ApprovedAsync(ev, asker, moderator, "Welche Dienste kommen als Nächstes online?");
        await using var after = await fixture.AnonymousAsync(ev, "viewer after");

        Assert.Equal([approved.Id()], after.Joined.GetProperty("publicQuestions").Ids());
        Assert.Equal((await fixture.SeqsAsync(ev.Id)).Seq, after.Joined.Seq());
        Assert.True(after.Joined.Seq() > before.Joined.Seq());

        // And again after the next change of the same question (answered), not the cached approval.
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, approved.Id(), (string?)null);
        await using var later = await fixture.AnonymousAsync(ev, "viewer later");
        Assert.Equal("answered", Assert.Single(later.Joined.GetProperty("publicQuestions").EnumerateArray()).Status());
        Assert.Equal((await fixture.SeqsAsync(ev.Id)).Seq, later.Joined.Seq());
    }

    [Fact]
    public async Task A_pending_question_never_appears_in_a_viewers_or_presenters_snapshot()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var asker = await fixture.ViewerAsync(ev, "asker");

        // Asked before anyone else joined (the shared part is read with it stored) and after (cached).
        var early = await asker.AskAsync(ev.Id, "SECRET-PENDING-EARLY Wer prüft die Anträge?");
        await using var first = await fixture.AnonymousAsync(ev, "first viewer");
        var late = await asker.AskAsync(ev.Id, "SECRET-PENDING-LATE Wann kommt der Bescheid?");
        await using var second = await fixture.AnonymousAsync(ev, "second viewer");
        await using var presenter = await fixture.PresenterAsync(ev);

        // A public change makes the next join read the public rows again; the pending ones stay out.
        await fixture.ApprovedAsync(ev, asker, moderator, "Öffentliche Frage zum Voucher");
        await using var third = await fixture.AnonymousAsync(ev, "third viewer");

        foreach (var viewer in new[] { first, second, presenter, third })
        {
            var json = viewer.Joined.GetRawText();
            Assert.DoesNotContain("SECRET-PENDING", json, StringComparison.Ordinal);
            Assert.DoesNotContain(early.Id(), viewer.Joined.GetProperty("publicQuestions").Ids());
            Assert.DoesNotContain(late.Id(), viewer.Joined.GetProperty("publicQuestions").Ids());
        }

        Assert.Equal(["Öffentliche Frage zum Voucher"], third.Joined.GetProperty("publicQuestions").EnumerateArray().Select(q => q.Text()));

        // The author still sees both of their own, from their own rows.
        var mine = await asker.SnapshotAsync(ev.Id);
        Assert.Contains(early.Id(), mine.GetProperty("myQuestions").Ids());
        Assert.Contains(late.Id(), mine.GetProperty("myQuestions").Ids());
    }

    [Fact]
    public async Task A_change_another_process_wrote_reaches_new_joins_once_announced_through_Changed()
    {
        var ev = await fixture.CreateEventAsync();
        await using var asker = await fixture.ViewerAsync(ev, "asker");
        var pending = await asker.AskAsync(ev.Id, "Frage, die ein anderer Knoten freigibt");
        await using var before = await fixture.AnonymousAsync(ev, "viewer before");
        Assert.Empty(before.Joined.GetProperty("publicQuestions").EnumerateArray());

        // Another app node approves it in the shared database and numbers the change, as EventChanges does.
        await using (var connection = fixture.App.Get<Database>().Open())
        {
            await connection.ExecuteAsync(
                """
                UPDATE questions SET status = 'approved', approved_utc = updated_utc, version = version + 1 WHERE id = @id;
                UPDATE events SET seq = seq + 1, mod_seq = mod_seq + 1 WHERE id = @eventId;
                """,
                new { id = pending.Id(), eventId = ev.Id });
        }

        // Its backplane message arrives here as SnapshotReader.Changed.
        fixture.App.Get<SnapshotReader>().Changed(ev.Id);
        await using var after = await fixture.AnonymousAsync(ev, "viewer after");

        Assert.Equal([pending.Id()], after.Joined.GetProperty("publicQuestions").Ids());
        Assert.Equal(before.Joined.Seq() + 1, after.Joined.Seq());
    }

    [Fact]
    public async Task A_viewer_joining_by_slug_is_refused_once_the_event_became_a_draft_elsewhere_and_a_new_slug_is_followed()
    {
        var ev = await fixture.CreateEventAsync();
        await using (await fixture.AnonymousAsync(ev, "first viewer"))
        {
            // Joined: the shared part now knows the slug.
        }

        var renamed = ev.Slug + "-neu";
        await using (var connection = fixture.App.Get<Database>().Open())
        {
            await connection.ExecuteAsync("UPDATE events SET slug = @renamed, seq = seq + 1, mod_seq = mod_seq + 1 WHERE id = @eventId", new { renamed, eventId = ev.Id });
        }

        fixture.App.Get<SnapshotReader>().Changed(ev.Id);
        await using (var client = await fixture.App.ConnectAsync())
        {
            Assert.Equal("event-not-found", (await Assert.ThrowsAsync<HubCallException>(() => client.InvokeAsync("JoinEvent", ev.Slug))).Code);
            Assert.Equal(ev.Id, (await client.InvokeAsync("JoinEvent", renamed)).GetProperty("eventId").GetInt64());
        }

        await using (var connection = fixture.App.Get<Database>().Open())
        {
            await connection.ExecuteAsync("UPDATE events SET status = 'draft', seq = seq + 1, mod_seq = mod_seq + 1 WHERE id = @eventId", new { eventId = ev.Id });
        }

        fixture.App.Get<SnapshotReader>().Changed(ev.Id);
        await using (var client = await fixture.App.ConnectAsync())
        {
            Assert.Equal("event-not-found", (await Assert.ThrowsAsync<HubCallException>(() => client.InvokeAsync("JoinEvent", renamed))).Code);
        }
    }
}
