using System.Text.Json;
using Dapper;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Events;
using OzgLive.Web.Replay;
using OzgLive.Web.Storage;

namespace OzgLive.Tests.Replay;

/// <summary>
/// What a broadcast leaves behind, as found in the issue 11 trial: the block a question is answered
/// in (bug 1), answers given only in writing (bug 2), votes after the end (bug 3) and blocks that
/// never took place (bug 4). The demo event (three blocks) is run through the real hub.
/// </summary>
public sealed class BroadcastRecordTests : IAsyncLifetime
{
    private TestApp app = null!;
    private HubTestClient moderator = null!;
    private HubTestClient viewer = null!;
    private long eventId;

    public async ValueTask InitializeAsync()
    {
        app = await TestApp.StartAsync();
        moderator = await app.ConnectAsync(await app.SignInAsync());
        eventId = (await moderator.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("eventId").GetInt64();
        viewer = await app.ConnectAsync();
        await viewer.InvokeAsync("IdentifyViewer", (string?)null);
        await viewer.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
    }

    public async ValueTask DisposeAsync()
    {
        await viewer.DisposeAsync();
        await moderator.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_question_asked_during_the_welcome_and_staged_in_block_2_belongs_to_block_2_unless_a_moderator_moved_it()
    {
        await moderator.ClockAsync("StartEvent", eventId);
        var welcome = await AskApprovedAsync("Eine Frage schon während der Begrüßung?");
        var moved = await AskApprovedAsync("Eine Frage, die bewusst ohne Block bleibt?");
        await ActAsync("MoveQuestion", moved, 1);
        await ActAsync("MoveQuestion", moved, (int?)null);
        await moderator.ClockAsync("NextBlock", eventId);
        await moderator.ClockAsync("NextBlock", eventId);

        var staged = await ActAsync("StageQuestion", welcome);
        await ActAsync("MarkAnswered", welcome, (string?)null);
        var stagedMoved = await ActAsync("StageQuestion", moved);
        await ActAsync("MarkAnswered", moved, (string?)null);
        await moderator.ClockAsync("EndEvent", eventId);

        Assert.Equal(2, staged.GetProperty("blockNumber").GetInt32());
        Assert.Equal(JsonValueKind.Null, stagedMoved.GetProperty("blockNumber").ValueKind);
        var transcript = (await app.Get<TranscriptStore>().LoadAsync(eventId))!;
        Assert.Equal(2, transcript.Questions.Single(q => q.QuestionId == welcome).BlockNumber);
        Assert.Null(transcript.Questions.Single(q => q.QuestionId == moved).BlockNumber);
    }

    [Fact]
    public async Task A_question_answered_only_in_writing_counts_as_answered_in_writing_not_live()
    {
        await moderator.ClockAsync("StartEvent", eventId);
        await moderator.ClockAsync("StartBlock", eventId, 1);
        var written = await AskApprovedAsync("Welche Förderprogramme gibt es für Kommunen?");
        var live = await AskApprovedAsync("Wie lange dauert die Umsetzung im Landkreis?");
        await ActAsync("MarkAnswered", written, "Eine Liste der Programme steht auf der Landesseite.");
        await ActAsync("StageQuestion", live);
        await ActAsync("MarkAnswered", live, (string?)null);
        await moderator.ClockAsync("EndEvent", eventId);

        var transcript = (await app.Get<TranscriptStore>().LoadAsync(eventId))!;
        Assert.Equal(TranscriptOutcome.AnsweredInWriting, transcript.Questions.Single(q => q.QuestionId == written).Outcome);
        Assert.Equal(TranscriptOutcome.AnsweredLive, transcript.Questions.Single(q => q.QuestionId == live).Outcome);
        Assert.Equal(1, transcript.Count(TranscriptOutcome.AnsweredInWriting));
        Assert.Equal(1, transcript.Count(TranscriptOutcome.AnsweredLive));
    }

    [Fact]
    public async Task Votes_are_refused_after_the_end_and_after_publishing_and_the_count_stays()
    {
        await moderator.ClockAsync("StartEvent", eventId);
        var open = await AskApprovedAsync("Gibt es eine Vorlage für den Antrag?");
        await moderator.ClockAsync("EndEvent", eventId);

        var afterEnd = await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("Vote", eventId, open, true));
        await using (var connection = app.Get<Database>().Open())
        {
            await connection.ExecuteAsync("UPDATE events SET status = 'published' WHERE id = @eventId", new { eventId });
        }

        var afterPublishing = await Assert.ThrowsAsync<HubCallException>(() => viewer.InvokeAsync("Vote", eventId, open, true));

        Assert.Equal("questions-closed", afterEnd.Code);
        Assert.Equal("questions-closed", afterPublishing.Code);
        Assert.Contains("nicht mehr abgestimmt", afterPublishing.Message);
        var stored = (await moderator.InvokeAsync("GetSnapshot", eventId)).GetProperty("queue").EnumerateArray().Single(q => q.GetProperty("id").GetInt64() == open);
        Assert.Equal(0, stored.GetProperty("votes").GetInt32());
        Assert.Equal(0, (await app.Get<TranscriptStore>().LoadAsync(eventId))!.Questions.Single(q => q.QuestionId == open).Votes);
    }

    [Fact]
    public async Task A_block_skipped_until_the_end_reads_cancelled_not_planned()
    {
        await moderator.ClockAsync("StartEvent", eventId);
        await moderator.ClockAsync("StartBlock", eventId, 1);
        await moderator.ClockAsync("StartBlock", eventId, 3);
        var beforeEnd = await moderator.InvokeAsync("GetSnapshot", eventId);
        await moderator.ClockAsync("EndEvent", eventId);

        var blocks = (await viewer.InvokeAsync("GetSnapshot", eventId)).GetProperty("clock").GetProperty("blocks");
        Assert.Equal("upcoming", beforeEnd.GetProperty("clock").GetProperty("blocks")[1].GetProperty("state").GetString());
        Assert.Equal(["done", "skipped", "done"], blocks.EnumerateArray().Select(b => b.GetProperty("state").GetString()));
        var organiserPage = await app.CreateClient(await app.SignInAsync()).GetStringAsync($"/organisation/veranstaltungen/{eventId}");
        Assert.Contains("entfallen", organiserPage);
        Assert.DoesNotContain(">geplant<", organiserPage);
    }

    private async Task<long> AskApprovedAsync(string text)
    {
        var asked = await viewer.InvokeAsync("AskQuestion", eventId, new { clientId = "c" + Guid.NewGuid().ToString("N"), text, displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
        var id = asked.GetProperty("id").GetInt64();
        await ActAsync("ApproveQuestion", id);
        return id;
    }

    private async Task<JsonElement> ActAsync(string method, long questionId, params object?[] rest)
    {
        var version = (await moderator.InvokeAsync("GetSnapshot", eventId)).GetProperty("queue").EnumerateArray()
            .Single(q => q.GetProperty("id").GetInt64() == questionId).GetProperty("version").GetInt64();
        return await moderator.InvokeAsync(method, [eventId, questionId, version, .. rest]);
    }
}
