using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Questions;

/// <summary>
/// The app stops (a crash, a deployment) and starts again on the same database file: every
/// acknowledged question, vote, version, setting and backstage note is still there, viewers come
/// back as themselves, and both streams carry on numbering where they stopped.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Pending_questions_votes_and_the_queue_survive_a_restart_and_viewers_come_back_as_themselves()
    {
        await using var fixture = await QuestionFixture.StartAsync(QuestionFixture.GenerousLimits);
        var ev = await fixture.CreateEventAsync();
        var moderatorCookies = await fixture.ModeratorCookiesAsync(ev.Id);
        string authorToken, authorId, voterToken;
        long pendingId, approvedId, rejectedId;
        string queueBefore, publicBefore;
        (long Seq, long ModSeq) seqsBefore;
        await using (var moderator = await fixture.JoinWithAsync(moderatorCookies, ev))
        await using (var author = await fixture.ViewerAsync(ev, "author"))
        await using (var voter = await fixture.ViewerAsync(ev, "voter"))
        {
            (authorToken, authorId, voterToken) = (author.Token!, author.ViewerId!, voter.Token!);
            pendingId = (await author.AskAsync(ev.Id, "Wartet über den Neustart hinweg", displayName: "Kim Beispiel")).Id();
            approvedId = (await fixture.ApprovedAsync(ev, author, moderator, "Freigegeben vor dem Neustart")).Id();
            rejectedId = (await author.AskAsync(ev.Id, "Abgelehnt vor dem Neustart")).Id();
            await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejectedId, "offTopic");
            await voter.InvokeAsync("Vote", ev.Id, approvedId, true);
            queueBefore = (await moderator.SnapshotAsync(ev.Id)).GetProperty("queue").GetRawText();
            publicBefore = (await voter.SnapshotAsync(ev.Id)).GetProperty("publicQuestions").GetRawText();
            seqsBefore = await fixture.SeqsAsync(ev.Id);
        }

        await fixture.App.RestartAsync();

        await using var moderatorAgain = await fixture.JoinWithAsync(moderatorCookies, ev);
        await using var authorAgain = await fixture.ViewerAsync(ev, "author", token: authorToken);
        await using var voterAgain = await fixture.ViewerAsync(ev, "voter", token: voterToken);
        await using var newcomer = await fixture.ViewerAsync(ev, "newcomer");

        Assert.Equal(authorId, authorAgain.ViewerId);
        Assert.Equal(queueBefore, moderatorAgain.Joined.GetProperty("queue").GetRawText());
        Assert.Equal(publicBefore, voterAgain.Joined.GetProperty("publicQuestions").GetRawText());
        Assert.Equal(publicBefore, newcomer.Joined.GetProperty("publicQuestions").GetRawText());
        Assert.Equal(seqsBefore.ModSeq, moderatorAgain.Joined.Seq());
        Assert.Equal(seqsBefore.Seq, newcomer.Joined.Seq());

        var mine = authorAgain.Joined.GetProperty("myQuestions");
        Assert.Equal([pendingId, approvedId, rejectedId], mine.Ids());
        Assert.Equal("pending", mine.Find(pendingId).Status());
        Assert.Equal("Kim Beispiel", mine.Find(pendingId).GetProperty("displayName").GetString());
        Assert.Equal("rejected", mine.Find(rejectedId).Status());
        Assert.Equal([approvedId], voterAgain.Joined.GetProperty("myVotes").IdArray());
        Assert.Empty(newcomer.Joined.GetProperty("myQuestions").EnumerateArray());

        // The author still owns the question: only they can withdraw it, and the streams go on without a gap.
        Assert.Equal("question-not-found", await QuestionCalls.RefusedAsync(() => newcomer.InvokeAsync("WithdrawQuestion", ev.Id, pendingId)));
        await fixture.ActAsync(moderatorAgain, "ApproveQuestion", ev.Id, pendingId);
        Assert.Equal(seqsBefore.Seq + 1, (await newcomer.Client.WaitForAsync("QuestionsChanged")).Seq());
        Assert.Equal(seqsBefore.ModSeq + 1, (await moderatorAgain.Client.WaitForAsync("QueueChanged")).Seq());
        Assert.Equal(1, (await voterAgain.InvokeAsync("Vote", ev.Id, approvedId, true)).GetProperty("votes").GetInt32());
    }

    [Fact]
    public async Task A_submission_retried_after_a_restart_is_still_the_same_question()
    {
        await using var fixture = await QuestionFixture.StartAsync(QuestionFixture.GenerousLimits);
        var ev = await fixture.CreateEventAsync();
        var clientId = QuestionCalls.NewClientId();
        string token;
        long id;
        await using (var viewer = await fixture.ViewerAsync(ev))
        {
            token = viewer.Token!;
            id = (await viewer.AskAsync(ev.Id, "Kam die Frage an?", clientId)).Id();
        }

        await fixture.App.RestartAsync();
        await using var again = await fixture.ViewerAsync(ev, token: token);
        var retried = await again.AskAsync(ev.Id, "Kam die Frage an?", clientId);

        Assert.Equal(id, retried.Id());
        Assert.Equal("pending", retried.Status());
        Assert.Single(await fixture.StoredQuestionsAsync(ev.Id));
    }

    [Fact]
    public async Task Versions_settings_backstage_notes_and_the_presenter_key_survive_a_restart()
    {
        await using var fixture = await QuestionFixture.StartAsync(QuestionFixture.GenerousLimits);
        var ev = await fixture.CreateEventAsync();
        var moderatorCookies = await fixture.ModeratorCookiesAsync(ev.Id);
        long questionId, versionSeen;
        string presenterKey;
        await using (var moderator = await fixture.JoinWithAsync(moderatorCookies, ev))
        await using (var presenter = await fixture.PresenterAsync(ev))
        await using (var author = await fixture.ViewerAsync(ev))
        {
            presenterKey = (await moderator.SnapshotAsync(ev.Id)).GetProperty("presenterKey").GetString()!;
            var asked = await author.AskAsync(ev.Id, "Bearbeitet vor dem Neustart");
            questionId = asked.Id();
            versionSeen = (await fixture.ActAsync(moderator, "EditQuestion", ev.Id, questionId, "Bearbeitet, dann neu gestartet")).Version();
            await moderator.InvokeAsync("SetAutoApprove", ev.Id, 1L, true);
            await moderator.InvokeAsync("SetQuestionsState", ev.Id, 2L, "paused", 2);
            await moderator.InvokeAsync("SendBackstageMessage", ev.Id, "Bitte auf die Zeit achten");
            await presenter.Client.WaitForAsync("BackstageChanged");
        }

        var auditBefore = (await fixture.AuditAsync(ev.Id)).Count;
        await fixture.App.RestartAsync();

        await using var moderatorAgain = await fixture.JoinWithAsync(moderatorCookies, ev);
        await using var presenterAgain = await fixture.PresenterWithKeyAsync(ev, presenterKey);
        var backstage = Assert.Single(presenterAgain.Joined.GetProperty("backstage").EnumerateArray());
        Assert.Equal("Bitte auf die Zeit achten", backstage.GetProperty("text").GetString());
        var settings = moderatorAgain.Joined.GetProperty("questions");
        Assert.True(settings.GetProperty("autoApprove").GetBoolean());
        Assert.Equal(3, settings.GetProperty("settingsVersion").GetInt64());
        Assert.Equal("paused", settings.GetProperty("blocks")[1].GetProperty("questionsState").GetString());
        Assert.Equal(auditBefore, (await fixture.AuditAsync(ev.Id)).Count);
        Assert.Equal("Bearbeitet vor dem Neustart", (await fixture.StoredAsync(questionId)).OriginalText);

        // An old version is still stale, the current one still good.
        Assert.Equal("stale", await QuestionCalls.RefusedAsync(() => moderatorAgain.InvokeAsync("ApproveQuestion", ev.Id, questionId, versionSeen - 1)));
        Assert.Equal("approved", (await moderatorAgain.InvokeAsync("ApproveQuestion", ev.Id, questionId, versionSeen)).Status());
    }
}
