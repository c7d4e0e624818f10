using System.Globalization;
using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Pending, rejected, withdrawn and merged questions reach moderators and their author only: no
/// other viewer and no presenter screen ever receives them, in a message or in a snapshot.
/// </summary>
public sealed class VisibilityTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Hidden_questions_reach_only_moderators_and_their_author_in_every_message_and_snapshot()
    {
        var ev = await fixture.CreateEventAsync();
        await using var mod1 = await fixture.ModeratorAsync(ev, "moderator 1");
        await using var mod2 = await fixture.ModeratorAsync(ev, "moderator 2");
        await using var presenter = await fixture.PresenterAsync(ev);
        await using var a = await fixture.ViewerAsync(ev, "viewer A");
        await using var b = await fixture.ViewerAsync(ev, "viewer B");
        await using var c = await fixture.ViewerAsync(ev, "viewer C");
        await using var lurker = await fixture.AnonymousAsync(ev, "viewer D (not identified)");
        Participant[] moderators = [mod1, mod2];
        Participant[] audience = [presenter, a, b, c, lurker];

        // Each hidden question carries an ASCII marker, so the raw JSON can be searched for it.
        var hidden = new List<(string Marker, Participant Author, long Id)>();

        // Pending throughout, then edited and moved by a moderator: still pending.
        var pending = await a.AskAsync(ev.Id, "SECRET-PENDING-A1 Wie lange dauert die Prüfung?", displayName: "NAME-PENDING-A1", organisation: "ORG-PENDING-A1");
        hidden.Add(("SECRET-PENDING-A1", a, pending.Id()));
        hidden.Add(("NAME-PENDING-A1", a, pending.Id()));
        hidden.Add(("ORG-PENDING-A1", a, pending.Id()));
        await fixture.ActAsync(mod1, "EditQuestion", ev.Id, pending.Id(), "SECRET-EDITED-A1 Wie lange dauert die Prüfung eines Antrags?");
        hidden.Add(("SECRET-EDITED-A1", a, pending.Id()));
        await fixture.ActAsync(mod2, "MoveQuestion", ev.Id, pending.Id(), 2);

        // Rejected.
        var rejected = await b.AskAsync(ev.Id, "SECRET-REJECTED-B1 Meine Steuernummer ist 123/456");
        hidden.Add(("SECRET-REJECTED-B1", b, rejected.Id()));
        await fixture.ActAsync(mod1, "RejectQuestion", ev.Id, rejected.Id(), "personalData");

        // Withdrawn by its author.
        var withdrawn = await c.AskAsync(ev.Id, "SECRET-WITHDRAWN-C1 Ach, hat sich erledigt");
        hidden.Add(("SECRET-WITHDRAWN-C1", c, withdrawn.Id()));
        await c.InvokeAsync("WithdrawQuestion", ev.Id, withdrawn.Id());

        // Two pending duplicates merged: the survivor stays pending.
        var duplicate = await a.AskAsync(ev.Id, "SECRET-MERGED-A2 Wann kommt das Geld?");
        var survivor = await b.AskAsync(ev.Id, "SECRET-SURVIVOR-B2 Wann wird ausgezahlt?");
        hidden.Add(("SECRET-MERGED-A2", a, duplicate.Id()));
        hidden.Add(("SECRET-SURVIVOR-B2", b, survivor.Id()));
        await mod2.InvokeAsync("MergeQuestions", ev.Id, survivor.Id(), (await fixture.StoredAsync(survivor.Id())).Version, duplicate.Id(), (await fixture.StoredAsync(duplicate.Id())).Version);

        // Rejected, then reopened: back to pending.
        var reopened = await b.AskAsync(ev.Id, "SECRET-REOPENED-B3 Noch eine Frage");
        hidden.Add(("SECRET-REOPENED-B3", b, reopened.Id()));
        await fixture.ActAsync(mod1, "RejectQuestion", ev.Id, reopened.Id(), "other");
        await fixture.ActAsync(mod2, "ReopenQuestion", ev.Id, reopened.Id());

        // Public ones, as the positive control: everyone must see these.
        var approved = await fixture.ApprovedAsync(ev, a, mod1, "PUBLIC-APPROVED-A3 Was kostet die Beratung?");
        var answered = await fixture.ApprovedAsync(ev, c, mod2, "PUBLIC-ANSWERED-C2 Wer berät uns?");
        await fixture.ActAsync(mod1, "StageQuestion", ev.Id, answered.Id());
        await fixture.ActAsync(mod1, "MarkAnswered", ev.Id, answered.Id(), "PUBLIC-ANSWER-TEXT Die Landesberatung.");

        // With auto-approve on, a question with a listed word is held; an ordinary one is public at once.
        var settingsVersion = mod1.Joined.GetProperty("questions").GetProperty("settingsVersion").GetInt64();
        await mod1.InvokeAsync("SetAutoApprove", ev.Id, settingsVersion, true);
        var held = await c.AskAsync(ev.Id, "SECRET-HELD-C3 Das ist doch Scheiße");
        hidden.Add(("SECRET-HELD-C3", c, held.Id()));
        var auto = await a.AskAsync(ev.Id, "PUBLIC-AUTO-A4 Gilt das auch für Landkreise?");
        Assert.Equal("pending", held.Status());
        Assert.Equal("approved", auto.Status());

        // Votes, and a backstage note for the presenter only.
        await b.InvokeAsync("Vote", ev.Id, approved.Id(), true);
        await c.InvokeAsync("Vote", ev.Id, approved.Id(), true);
        await mod2.InvokeAsync("SendBackstageMessage", ev.Id, "BACKSTAGE-NOTE Bitte langsamer sprechen");

        // Votes are sent coalesced a moment later (on the fake clock); wait for them to land everywhere.
        fixture.App.Time.Advance(VoteBroadcaster.Interval);
        foreach (var client in audience.Concat(moderators))
        {
            await client.Client.WaitForAsync("VotesChanged", m => m.GetProperty("votes").TryGetProperty(Key(approved.Id()), out var n) && n.GetInt32() == 2);
        }

        // A viewer joining afterwards gets a snapshot only.
        await using var latecomer = await fixture.ViewerAsync(ev, "viewer E (late)");
        Participant[] everyoneElse = [.. audience, latecomer];

        // Everything each client ever got: its join snapshot, every message, and a fresh snapshot now.
        var seen = new Dictionary<Participant, string>();
        foreach (var client in moderators.Concat(everyoneElse))
        {
            var snapshot = await client.SnapshotAsync(ev.Id);
            seen[client] = string.Join("\n", [client.Joined.GetRawText(), .. client.Received.Select(m => m.Target + " " + m.Argument.GetRawText()), snapshot.GetRawText()]);
        }

        foreach (var (marker, author, _) in hidden)
        {
            foreach (var moderator in moderators)
            {
                Assert.True(seen[moderator].Contains(marker, StringComparison.Ordinal), $"{moderator} must see {marker}.");
            }

            foreach (var client in everyoneElse.Where(x => x != author))
            {
                Assert.False(seen[client].Contains(marker, StringComparison.Ordinal), $"{client} received {marker}, a question only moderators and its author may see.");
            }
        }

        // Authors do see their own hidden questions (all but the original text the moderator replaced).
        Assert.Contains("SECRET-EDITED-A1", seen[a]);
        Assert.Contains("SECRET-REJECTED-B1", seen[b]);
        Assert.Contains("SECRET-WITHDRAWN-C1", seen[c]);
        Assert.Contains("SECRET-HELD-C3", seen[c]);

        foreach (var marker in new[] { "PUBLIC-APPROVED-A3", "PUBLIC-ANSWERED-C2", "PUBLIC-ANSWER-TEXT", "PUBLIC-AUTO-A4" })
        {
            Assert.All(everyoneElse.Concat(moderators), client => Assert.True(seen[client].Contains(marker, StringComparison.Ordinal), $"{client} must see {marker}."));
        }

        // Not even an id of a hidden question appears in anything public.
        var hiddenIds = hidden.Select(h => h.Id).ToHashSet();
        foreach (var client in everyoneElse)
        {
            var publicIds = PublicIds(client, await client.SnapshotAsync(ev.Id)).ToList();
            Assert.False(publicIds.Any(hiddenIds.Contains), $"{client} saw the id of a hidden question in a public list.");
            Assert.Contains(approved.Id(), publicIds);
        }

        // The presenter screen and the moderators get the backstage note; viewers never do.
        Assert.Contains("BACKSTAGE-NOTE", seen[presenter]);
        Assert.All(moderators, m => Assert.Contains("BACKSTAGE-NOTE", seen[m]));
        Assert.All(everyoneElse.Except([presenter]), v => Assert.DoesNotContain("BACKSTAGE-NOTE", seen[v]));

        // Moderators' queue messages and held reasons go to moderators only.
        Assert.All(everyoneElse, client => Assert.Empty(client.Messages("QueueChanged")));
        Assert.All(everyoneElse, client => Assert.DoesNotContain("Wortliste", seen[client]));
        Assert.All(moderators, m => Assert.Empty(m.Messages("QuestionsChanged")));
        Assert.Empty(presenter.Messages("MyQuestionsChanged"));
        Assert.Empty(lurker.Messages("MyQuestionsChanged"));
        Assert.Empty(latecomer.Received);

        // Each stream is numbered without gaps for its own audience.
        foreach (var client in audience)
        {
            var start = client.Joined.Seq();
            var seqs = client.NumberedSeqs();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => start + i), seqs);
        }

        foreach (var moderator in moderators)
        {
            var start = moderator.Joined.Seq();
            var seqs = moderator.NumberedSeqs();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => start + i), seqs);
        }

        // Viewers' seq moved for public changes only (approve, approve, stage, answer, settings, auto-approved question).
        var (seq, modSeq) = await fixture.SeqsAsync(ev.Id);
        Assert.Equal(a.Joined.Seq() + 6, seq);
        Assert.True(modSeq - mod1.Joined.Seq() > 6, "Moderators' stream also counts every hidden change.");
    }

    [Fact]
    public async Task Rejecting_an_approved_question_removes_it_from_every_viewer_and_from_later_snapshots()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        await using var presenter = await fixture.PresenterAsync(ev);
        var approved = await fixture.ApprovedAsync(ev, author, moderator, "Erst sichtbar, dann abgelehnt");
        await viewer.Client.WaitForAsync("QuestionsChanged");

        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, approved.Id(), "offTopic");

        foreach (var client in new[] { viewer, presenter, author })
        {
            var removed = await client.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("removed").GetArrayLength() > 0);
            Assert.Equal([approved.Id()], removed.GetProperty("removed").IdArray());
            Assert.Empty(removed.GetProperty("questions").EnumerateArray());
            Assert.DoesNotContain(approved.Id(), (await client.SnapshotAsync(ev.Id)).GetProperty("publicQuestions").Ids());
        }

        // The author still sees it, as rejected, with the reason.
        var mine = (await author.SnapshotAsync(ev.Id)).GetProperty("myQuestions").Find(approved.Id());
        Assert.Equal("rejected", mine.Status());
        Assert.Equal("offTopic", mine.GetProperty("rejectReason").GetString());
    }

    [Fact]
    public async Task A_viewer_who_identifies_with_another_token_loses_the_first_viewers_questions()
    {
        var ev = await fixture.CreateEventAsync();
        await using var author = await fixture.ViewerAsync(ev, "author");
        var own = await author.AskAsync(ev.Id, "Eine Frage von Person eins");
        await using var other = await fixture.ViewerAsync(ev, "other");

        // The same connection switches to another viewer: it no longer gets the first one's questions.
        await author.InvokeAsync("IdentifyViewer", other.Token);
        var snapshot = await author.SnapshotAsync(ev.Id);
        Assert.Empty(snapshot.GetProperty("myQuestions").EnumerateArray());
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => author.InvokeAsync("WithdrawQuestion", ev.Id, own.Id())));
    }

    [Fact]
    public async Task Moderators_of_another_event_and_its_viewers_receive_nothing_of_this_event()
    {
        var ev = await fixture.CreateEventAsync();
        var otherEvent = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var otherModerator = await fixture.ModeratorAsync(otherEvent, "other event's moderator");
        await using var otherViewer = await fixture.ViewerAsync(otherEvent, "other event's viewer");
        await using var author = await fixture.ViewerAsync(ev);

        var asked = await author.AskAsync(ev.Id, "Nur für diese Sendung");
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        await author.InvokeAsync("Vote", ev.Id, asked.Id(), true);
        fixture.App.Time.Advance(VoteBroadcaster.Interval);
        await moderator.Client.WaitForAsync("VotesChanged");

        await otherModerator.SnapshotAsync(otherEvent.Id);
        await otherViewer.SnapshotAsync(otherEvent.Id);
        // Their own event's viewer count may reach the other moderator; nothing about this event may.
        Assert.DoesNotContain(otherModerator.Received, m => m.Argument.GetProperty("eventId").GetInt64() == ev.Id);
        Assert.All(otherModerator.Received, m => Assert.Equal("ViewerCount", m.Target));
        Assert.Empty(otherViewer.Received);
        // And a foreign moderator asking for this event's snapshot gets the viewer's view only.
        var foreign = await otherModerator.SnapshotAsync(ev.Id);
        Assert.Equal("viewer", foreign.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, foreign.GetProperty("queue").ValueKind);
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every question id in the public parts of what a client got: lists, removals, vote counts.</summary>
    private static IEnumerable<long> PublicIds(Participant client, JsonElement snapshot)
    {
        foreach (var s in new[] { client.Joined, snapshot })
        {
            if (s.ValueKind == JsonValueKind.Object && s.GetProperty("publicQuestions") is { ValueKind: JsonValueKind.Array } list)
            {
                foreach (var id in list.Ids())
                {
                    yield return id;
                }
            }
        }

        foreach (var m in client.Messages("QuestionsChanged"))
        {
            foreach (var id in m.GetProperty("questions").Ids().Concat(m.GetProperty("removed").IdArray()))
            {
                yield return id;
            }
        }

        foreach (var m in client.Messages("VotesChanged"))
        {
            foreach (var p in m.GetProperty("votes").EnumerateObject())
            {
                yield return long.Parse(p.Name, CultureInfo.InvariantCulture);
            }
        }
    }
}
