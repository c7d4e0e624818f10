using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Live;
using OzgLive.Web.ScaleOut;

namespace OzgLive.Tests.ScaleOut;

/// <summary>
/// How a node orders changes that arrive from other nodes out of order: one that came ahead of a
/// missing one waits for it, and after Redis:GapWait (on the app's clock, moved by the test) goes
/// out anyway, so clients see the gap and resynchronise. One in-process node with a real Redis and
/// the fake clock; the "other node's" changes are handed to the sequencer as Redis would.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ChangeSequencerTests
{
    [Fact]
    public async Task A_change_ahead_of_a_missing_one_waits_for_it_and_goes_out_after_the_gap_wait()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = await TestApp.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:GapWait"] = "00:00:01",
        });
        await using var moderator = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await moderator.InvokeAsync("JoinEvent", OzgLive.Web.Demo.DemoContent.SpotOnOzgSlug)).GetProperty("eventId").GetInt64();
        // A change of this node: the sequencer now expects the number after it.
        var modSeq = (await moderator.ClockAsync("StartEvent", eventId)).GetProperty("seq").GetInt64();
        var sequencer = app.Get<ChangeSequencer>();

        var third = sequencer.Offer(eventId, Change(eventId, modSeq + 2));
        Assert.False(third.IsCompleted, "a change ahead of the next one went out");
        var second = sequencer.Offer(eventId, Change(eventId, modSeq + 1));
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(10));

        // modSeq + 3 never comes (its node died after the commit): modSeq + 4 waits, then goes out.
        var fifth = sequencer.Offer(eventId, Change(eventId, modSeq + 4));
        Assert.False(fifth.IsCompleted, "a change went out before the missing one had time to arrive");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await fifth.WaitAsync(TimeSpan.FromSeconds(10));

        var received = await moderator.WaitUntilAsync(
            all => all.Count(m => m.Target == "QueueChanged" && m.Argument.GetProperty("seq").GetInt64() > modSeq) == 3,
            all => $"{all.Count(m => m.Target == "QueueChanged")} QueueChanged",
            TimeSpan.FromSeconds(10));
        Assert.Equal(
            [modSeq + 1, modSeq + 2, modSeq + 4],
            received.Where(m => m.Target == "QueueChanged" && m.Argument.GetProperty("seq").GetInt64() > modSeq).Select(m => m.Argument.GetProperty("seq").GetInt64()));
    }

    private static List<Outgoing> Change(long eventId, long modSeq) =>
        [Outgoing.ToGroup(LiveGroups.Moderators(eventId), modSeq, "QueueChanged", new { eventId, seq = modSeq, questions = Array.Empty<object>() })];
}
