using OzgLive.Tests.Infrastructure;
using OzgLive.Tests.Questions;
using OzgLive.Web.Questions;
using OzgLive.Web.Replay;

namespace OzgLive.Tests.Replay;

/// <summary>
/// Ending an event freezes its transcript in the same transaction: chapters from the blocks as held,
/// approved questions with their moments relative to the stream start, and the moderation counts.
/// What moderators do after the end does not reach it.
/// </summary>
public sealed class FreezeTests(QuestionFixture fixture) : IClassFixture<QuestionFixture>
{
    [Fact]
    public async Task Ending_an_event_freezes_its_answered_and_open_questions_with_times_relative_to_the_stream_start()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        var time = fixture.App.Time;

        var early = await fixture.ApprovedAsync(ev, viewer, moderator, "Wird vor dem Start gefragt: Wo beantrage ich den Beratungsgutschein?");
        time.Advance(TimeSpan.FromSeconds(90));
        await moderator.ClockAsync("StartEvent", ev.Id);                 // stream start: t = 0
        time.Advance(TimeSpan.FromSeconds(312));
        await moderator.ClockAsync("StartBlock", ev.Id, 1);              // block 1 at 05:12
        time.Advance(TimeSpan.FromSeconds(600));
        var asked = await viewer.AskAsync(ev.Id, "Wie digitalisieren wir trotz Personalmangel?", displayName: "Jana Beispiel", organisation: "Landkreis Gießen");
        await fixture.ActAsync(moderator, "ApproveQuestion", ev.Id, asked.Id());
        time.Advance(TimeSpan.FromSeconds(60));
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, asked.Id());          // staged at 16:52
        time.Advance(TimeSpan.FromSeconds(120));
        await fixture.ActAsync(moderator, "MarkAnswered", ev.Id, asked.Id(), "Siehe auch die Förderrichtlinie.");
        var rejected = await viewer.AskAsync(ev.Id, "Doppelte Frage zum Gutschein");
        await fixture.ActAsync(moderator, "RejectQuestion", ev.Id, rejected.Id(), "duplicate");
        var pending = await viewer.AskAsync(ev.Id, "Niemand hat diese Frage angesehen.");
        time.Advance(TimeSpan.FromSeconds(300));
        await moderator.ClockAsync("EndBlock", ev.Id);                   // block 1 ends at 23:12
        time.Advance(TimeSpan.FromSeconds(30));
        await moderator.ClockAsync("EndEvent", ev.Id);                   // stream end at 23:42

        var transcript = await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id);

        Assert.NotNull(transcript);
        Assert.Equal(23 * 60 + 42, transcript.StreamSeconds);
        var chapter = Assert.Single(transcript.Chapters);
        Assert.Equal((1, "Themenblock 1", 312, 23 * 60 + 12), (chapter.BlockNumber, chapter.Title, chapter.StartSeconds, chapter.EndSeconds));

        Assert.Equal(2, transcript.Questions.Count);
        var open = transcript.Questions.Single(q => q.QuestionId == early.Id());
        Assert.Equal(TranscriptOutcome.Open, open.Outcome);
        Assert.Equal(-90, open.AskedSeconds);
        Assert.Null(open.StagedSeconds);

        var answered = transcript.Questions.Single(q => q.QuestionId == asked.Id());
        Assert.Equal(TranscriptOutcome.AnsweredLive, answered.Outcome);
        Assert.Equal(("Jana Beispiel", "Landkreis Gießen"), (answered.DisplayName, answered.Organisation));
        Assert.Equal((912, 972, 1092), (answered.AskedSeconds, answered.StagedSeconds!.Value, answered.AnsweredSeconds!.Value));
        Assert.Equal("Siehe auch die Förderrichtlinie.", answered.PublishedAnswer);
        Assert.Equal(1, answered.BlockNumber);

        Assert.Equal(4, transcript.Counts.Received);
        Assert.Equal(1, transcript.Counts.NotReviewed);
        Assert.Equal(1, transcript.Counts.Rejected[RejectReason.Duplicate]);
        Assert.Equal(1, transcript.Counts.RejectedTotal);
        Assert.DoesNotContain(transcript.Questions, q => q.QuestionId == rejected.Id() || q.QuestionId == pending.Id());
    }

    [Fact]
    public async Task A_question_still_on_stage_at_the_end_counts_as_answered_live_at_the_end()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var question = await fixture.ApprovedAsync(ev, viewer, moderator, "Welche Förderprogramme gibt es für Kommunen?");
        fixture.App.Time.Advance(TimeSpan.FromSeconds(40));
        await fixture.ActAsync(moderator, "StageQuestion", ev.Id, question.Id());
        fixture.App.Time.Advance(TimeSpan.FromSeconds(100));
        await moderator.ClockAsync("EndEvent", ev.Id);

        var frozen = Assert.Single((await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id))!.Questions);

        Assert.Equal((40, 140), (frozen.StagedSeconds!.Value, frozen.AnsweredSeconds!.Value));
        Assert.Equal(TranscriptOutcome.AnsweredLive, frozen.Outcome);
    }

    [Fact]
    public async Task Moderation_after_the_end_does_not_change_the_frozen_transcript()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await using var viewer = await fixture.ViewerAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);
        var question = await fixture.ApprovedAsync(ev, viewer, moderator, "Wo finde ich die Aufzeichnung der Sendung?");
        await moderator.ClockAsync("EndEvent", ev.Id);
        var before = await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id);

        try
        {
            await fixture.ActAsync(moderator, "EditQuestion", ev.Id, question.Id(), "Nachträglich geänderter Text");
        }
        catch (HubCallException)
        {
            // Refusing moderation after the end is as good: either way the transcript stays as it was.
        }

        var after = await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id);
        Assert.Equal("Wo finde ich die Aufzeichnung der Sendung?", Assert.Single(after!.Questions).Text);
        Assert.Equal(before!.Version, after.Version);
    }

    [Fact]
    public async Task An_event_that_has_not_ended_has_no_transcript()
    {
        var ev = await fixture.CreateEventAsync();
        await using var moderator = await fixture.ModeratorAsync(ev);
        await moderator.ClockAsync("StartEvent", ev.Id);

        Assert.Null(await fixture.App.Get<TranscriptStore>().LoadAsync(ev.Id));
    }
}
