using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Questions;

namespace OzgLive.Tests.Questions;

/// <summary>
/// The queue's states through the hub: pending → approved → on stage → answered; pending or
/// approved → rejected; rejected reopens to pending, answered to approved; withdrawn and merged are
/// final. Every action is tried on a question in every state: the allowed ones change exactly what
/// they should, the refused ones answer invalid-transition (or question-not-found where a viewer
/// must not learn that the question exists) and change nothing at all.
/// </summary>
public sealed class StateMachineTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    private const string Refused = "invalid-transition";
    private const string NotFound = "question-not-found";

    private static readonly QuestionStatus[] Statuses =
    [
        QuestionStatus.Pending, QuestionStatus.Approved, QuestionStatus.OnStage, QuestionStatus.Answered,
        QuestionStatus.Rejected, QuestionStatus.Withdrawn, QuestionStatus.Merged,
    ];

    /// <summary>What each action does to a question in each status: "=status" (allowed, the status after) or an error code.</summary>
    private static readonly Dictionary<string, Dictionary<QuestionStatus, string>> Table = new()
    {
        ["approve"] = Row(pending: "=approved"),
        ["reject"] = Row(pending: "=rejected", approved: "=rejected"),
        ["edit"] = Row(pending: "=pending", approved: "=approved", onStage: "=onStage", answered: "=answered", rejected: "=rejected"),
        ["pin"] = Row(approved: "=approved", onStage: "=onStage"),
        ["move"] = Row(pending: "=pending", approved: "=approved", onStage: "=onStage", answered: "=answered", rejected: "=rejected"),
        ["stage"] = Row(approved: "=onStage"),
        ["unstage"] = Row(onStage: "=approved"),
        ["answer"] = Row(approved: "=answered", onStage: "=answered"),
        ["reopen"] = Row(answered: "=approved", rejected: "=pending"),
        ["withdraw"] = Row(pending: "=withdrawn"),
        ["merge-away"] = Row(pending: "=merged", approved: "=merged", rejected: "=merged"),
        ["merge-into"] = Row(pending: "=pending", approved: "=approved", onStage: "=onStage", answered: "=answered"),
        // Viewers only vote on what they can see; hidden questions answer as if they did not exist.
        ["vote"] = Row(approved: "=approved", onStage: "=onStage", answered: Refused, others: NotFound),
    };

    public static TheoryData<string> Actions => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Every_status_allows_or_refuses_the_action_as_the_table_says(string action)
    {
        await using var moderator = await fixture.OrganiserAsync();
        foreach (var status in Statuses)
        {
            var ev = await fixture.CreateEventAsync();
            await using var author = await fixture.ViewerAsync(ev, "author");
            await using var voter = await fixture.ViewerAsync(ev, "voter");
            var id = await InStatusAsync(ev, moderator, author, status);
            var call = await PrepareAsync(action, ev, moderator, author, voter, id);
            var before = await fixture.StoredAsync(id);
            var stateBefore = await fixture.StoredStateAsync(ev.Id);
            var expected = Table[action][status];

            if (expected.StartsWith('='))
            {
                await call();
                var after = await fixture.StoredAsync(id);
                Assert.True(expected[1..] == JsonNamingPolicy.CamelCase.ConvertName(after.Status.ToString()), $"{action} on {status}: now {after.Status}, expected {expected[1..]}.");
                Assert.True(
                    action == "vote" ? after.Version == before.Version : after.Version == before.Version + 1,
                    $"{action} on {status}: version {before.Version} → {after.Version}.");
            }
            else
            {
                var error = await Assert.ThrowsAsync<Infrastructure.HubCallException>(call);
                Assert.True(expected == error.Code, $"{action} on {status}: {error.Code} ({error.Message}), expected {expected}.");
                Assert.True(stateBefore == await fixture.StoredStateAsync(ev.Id), $"{action} on {status} was refused but changed what is stored.");
            }
        }
    }

    [Fact]
    public async Task A_refused_transition_says_in_German_which_state_the_question_is_in()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var id = await InStatusAsync(ev, moderator, author, QuestionStatus.Answered);

        var error = await Assert.ThrowsAsync<Infrastructure.HubCallException>(() => fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, id));

        Assert.Equal(Refused, error.Code);
        Assert.Contains("„beantwortet“", error.Message);
        Assert.Contains("freigegeben", error.Message);
    }

    [Fact]
    public async Task Staging_a_question_returns_the_one_on_stage_to_approved_in_one_change()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var first = await fixture.ApprovedAsync(ev, author, moderator, "Zuerst auf der Bühne");
        var second = await fixture.ApprovedAsync(ev, author, moderator, "Danach auf der Bühne");
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, first.Id());
        var seqBefore = (await fixture.SeqsAsync(ev.Id)).Seq;

        var staged = await fixture.ActAsync(moderator, "StageQuestion", ev.Id, second.Id());

        Assert.Equal("onStage", staged.Status());
        Assert.Equal(QuestionStatus.Approved, (await fixture.StoredAsync(first.Id())).Status);
        Assert.Null((await fixture.StoredAsync(first.Id())).StagedAt);
        Assert.Single(await fixture.StoredQuestionsAsync(ev.Id), q => q.Status == QuestionStatus.OnStage);
        // Viewers hear of both questions in one numbered change.
        var change = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.Seq() == seqBefore + 1);
        var shown = change.GetProperty("questions");
        Assert.Equal("approved", shown.Find(first.Id()).Status());
        Assert.Equal("onStage", shown.Find(second.Id()).Status());
        Assert.Equal(seqBefore + 1, (await fixture.SeqsAsync(ev.Id)).Seq);
        var audit = await fixture.AuditAsync(ev.Id);
        Assert.Equal(["unstage", "stage"], audit.TakeLast(2).Select(a => a.Action));
        Assert.Equal(first.Id(), audit[^2].QuestionId);
    }

    [Fact]
    public async Task A_question_marked_answered_stays_answered_when_the_next_one_is_staged()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var first = await fixture.ApprovedAsync(ev, author, moderator, "Wird auf der Bühne beantwortet");
        var second = await fixture.ApprovedAsync(ev, author, moderator, "Kommt danach dran");
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, first.Id());
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, first.Id(), "Ja, ab Mai.");

        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, second.Id());

        var answered = await fixture.StoredAsync(first.Id());
        Assert.Equal(QuestionStatus.Answered, answered.Status);
        Assert.Equal("Ja, ab Mai.", answered.AnswerText);
        Assert.Equal(QuestionStatus.OnStage, (await fixture.StoredAsync(second.Id())).Status);
    }

    [Fact]
    public async Task MarkAnswered_keeps_an_optional_written_answer_that_viewers_see_and_reopen_takes_it_back()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev, "author");
        await using var viewer = await fixture.ViewerAsync(ev, "viewer");
        var withAnswer = await fixture.ApprovedAsync(ev, author, moderator, "Mit schriftlicher Antwort");
        var without = await fixture.ApprovedAsync(ev, author, moderator, "Ohne schriftliche Antwort");

        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, withAnswer.Id(), "  Die Antrags-\tfrist endet am 30. Juni.  ");
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, without.Id(), "   ");

        var publicList = (await viewer.SnapshotAsync(ev.Id)).GetProperty("publicQuestions");
        Assert.Equal("Die Antrags- frist endet am 30. Juni.", publicList.Find(withAnswer.Id()).GetProperty("answerText").GetString());
        Assert.Equal("answered", publicList.Find(withAnswer.Id()).Status());
        Assert.Equal(JsonValueKind.Null, publicList.Find(without.Id()).GetProperty("answerText").ValueKind);
        Assert.NotNull((await fixture.StoredAsync(withAnswer.Id())).AnsweredAt);

        var reopened = await fixture.ActAsync(moderator, "ReopenQuestion", ev.Id, withAnswer.Id());

        Assert.Equal("approved", reopened.Status());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("answerText").ValueKind);
        Assert.Null((await fixture.StoredAsync(withAnswer.Id())).AnsweredAt);
        var change = await viewer.Client.WaitForAsync("QuestionsChanged", m => m.GetProperty("questions").EnumerateArray().Any(q => q.Id() == withAnswer.Id() && q.Status() == "approved"));
        Assert.Equal(JsonValueKind.Null, change.GetProperty("questions").Find(withAnswer.Id()).GetProperty("answerText").ValueKind);
        // The audit log still has the answer that was given.
        var reopen = (await fixture.AuditAsync(ev.Id)).Last();
        Assert.Equal("reopen", reopen.Action);
        Assert.Contains("30. Juni", reopen.BeforeJson);
    }

    [Fact]
    public async Task A_written_answer_longer_than_2000_characters_is_refused()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var question = await fixture.ApprovedAsync(ev, author, moderator, "Lange Antwort?");
        var before = await fixture.StoredStateAsync(ev.Id);

        Assert.Equal("invalid-argument", await QuestionCalls.RefusedAsync(() => fixture.ActAsync(moderator, "MarkAnswered", ev.Id, question.Id(), new string('a', 2001))));
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
        Assert.Equal("answered", (await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, question.Id(), new string('a', 2000))).Status());
    }

    [Fact]
    public async Task Reopening_a_rejected_question_sends_it_back_to_the_queue_without_its_reason()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var asked = await author.AskAsync(ev.Id, "Zu Unrecht abgelehnt");
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, asked.Id(), "abusive");
        Assert.Equal(RejectReason.Abusive, (await fixture.StoredAsync(asked.Id())).RejectReason);

        var reopened = await fixture.ActAsync(moderator, "ReopenQuestion", ev.Id, asked.Id());

        Assert.Equal("pending", reopened.Status());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("rejectReason").ValueKind);
        var mine = await author.Client.WaitForAsync("MyQuestionsChanged", m => m.GetProperty("questions")[0].Status() == "pending" && m.GetProperty("questions")[0].GetProperty("rejectReason").ValueKind == JsonValueKind.Null);
        Assert.Equal(asked.Id(), mine.GetProperty("questions")[0].Id());
    }

    [Theory]
    [InlineData("\"spam\"")]
    [InlineData("99")]
    [InlineData("null")]
    [InlineData("\"\"")]
    public async Task Rejecting_with_an_unknown_reason_is_refused_as_invalid_argument(string reason)
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        var asked = await author.AskAsync(ev.Id, "Warum abgelehnt?");
        var before = await fixture.StoredStateAsync(ev.Id);

        var error = await Assert.ThrowsAsync<Infrastructure.HubCallException>(
            () => moderator.InvokeAsync("RejectQuestion", ev.Id, asked.Id(), 1L, JsonSerializer.Deserialize<JsonElement>(reason)));

        Assert.Equal("invalid-argument", error.Code);
        Assert.Equal(before, await fixture.StoredStateAsync(ev.Id));
    }

    [Fact]
    public async Task Every_reject_reason_is_stored_and_shown_to_the_author()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var author = await fixture.ViewerAsync(ev);
        string[] reasons = ["offTopic", "duplicate", "personalData", "abusive", "other"];

        foreach (var reason in reasons)
        {
            var asked = await author.AskAsync(ev.Id, $"Wird abgelehnt: {reason}");
            var rejected = await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, asked.Id(), reason);
            Assert.Equal(reason, rejected.GetProperty("rejectReason").GetString());
        }

        var mine = (await author.SnapshotAsync(ev.Id)).GetProperty("myQuestions").EnumerateArray().ToList();
        Assert.Equal(reasons, mine.Select(q => q.GetProperty("rejectReason").GetString()));
        Assert.All(mine, q => Assert.Equal("rejected", q.Status()));
    }

    private static Dictionary<QuestionStatus, string> Row(
        string? pending = null, string? approved = null, string? onStage = null, string? answered = null, string? rejected = null,
        string? withdrawn = null, string? merged = null, string others = Refused) => new()
        {
            [QuestionStatus.Pending] = pending ?? others,
            [QuestionStatus.Approved] = approved ?? others,
            [QuestionStatus.OnStage] = onStage ?? others,
            [QuestionStatus.Answered] = answered ?? others,
            [QuestionStatus.Rejected] = rejected ?? others,
            [QuestionStatus.Withdrawn] = withdrawn ?? others,
            [QuestionStatus.Merged] = merged ?? others,
        };

    /// <summary>A new question brought to <paramref name="status"/> through the hub, as people would.</summary>
    private async Task<long> InStatusAsync(TestEvent ev, Participant moderator, Participant author, QuestionStatus status)
    {
        var id = (await author.AskAsync(ev.Id, $"Eine Frage, die {status} wird")).Id();
        switch (status)
        {
            case QuestionStatus.Pending:
                break;
            case QuestionStatus.Approved:
                await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, id);
                break;
            case QuestionStatus.OnStage:
                await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, id);
                await fixture.ActAsync(moderator, "StageQuestion", ev.Id, id);
                break;
            case QuestionStatus.Answered:
                await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, id);
                await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, id, "Erledigt.");
                break;
            case QuestionStatus.Rejected:
                await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, id, "offTopic");
                break;
            case QuestionStatus.Withdrawn:
                await author.InvokeAsync("WithdrawQuestion", ev.Id, id);
                break;
            case QuestionStatus.Merged:
                var survivor = await author.AskAsync(ev.Id, "Die Frage, die bleibt");
                await MergeAsync(moderator, ev, survivor.Id(), id);
                break;
        }

        Assert.Equal(status, (await fixture.StoredAsync(id)).Status);
        return id;
    }

    /// <summary>The action as a call, with whatever it needs besides the question made beforehand.</summary>
    private async Task<Func<Task>> PrepareAsync(string action, TestEvent ev, Participant moderator, Participant author, Participant voter, long id)
    {
        switch (action)
        {
            case "approve": return () => fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, id);
            case "reject": return () => fixture.ActAsync(moderator, "RejectQuestion", ev.Id, id, "offTopic");
            case "edit": return () => fixture.ActAsync(moderator, "EditQuestion", ev.Id, id, "Vom Moderationsteam neu formuliert");
            case "pin": return () => fixture.ActAsync(moderator, "PinQuestion", ev.Id, id, true);
            case "move": return () => fixture.ActAsync(moderator, "MoveQuestion", ev.Id, id, 3);
            case "stage": return () => fixture.ActAsync(moderator, "StageQuestion", ev.Id, id);
            case "unstage": return () => fixture.ActAsync(moderator, "UnstageQuestion", ev.Id, id);
            case "answer": return () => fixture.ActAsync(moderator, "MarkAnswered", ev.Id, id, (string?)null);
            case "reopen": return () => fixture.ActAsync(moderator, "ReopenQuestion", ev.Id, id);
            case "withdraw": return () => author.InvokeAsync("WithdrawQuestion", ev.Id, id);
            case "vote": return () => voter.InvokeAsync("Vote", ev.Id, id, true);
            case "merge-away":
            {
                var survivor = (await author.AskAsync(ev.Id, "Eine neue Frage, in die zusammengeführt wird")).Id();
                return () => MergeAsync(moderator, ev, survivor, id);
            }

            case "merge-into":
            {
                var duplicate = (await author.AskAsync(ev.Id, "Eine neue doppelte Frage")).Id();
                return () => MergeAsync(moderator, ev, id, duplicate);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private async Task<JsonElement> MergeAsync(Participant moderator, TestEvent ev, long survivor, long duplicate) =>
        await moderator.InvokeAsync(
            "MergeQuestions", ev.Id, survivor, (await fixture.StoredAsync(survivor)).Version, duplicate, (await fixture.StoredAsync(duplicate)).Version);
}
