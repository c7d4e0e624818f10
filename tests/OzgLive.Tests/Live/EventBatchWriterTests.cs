using System.Collections.Concurrent;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Live;

/// <summary>
/// The group-commit writer keeps an event's queue only while it has work: once idle it is dropped,
/// and requests that race with the drop are still written exactly once, one batch per event at a time.
/// </summary>
public sealed class EventBatchWriterTests
{
    [Fact]
    public async Task An_idle_events_queue_is_dropped_and_a_later_request_gets_a_new_one()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new EventBatchWriter<Numbered, int>(10, async (_, batch) =>
        {
            await release.Task;
            return [.. batch.Select(r => new Outcome<int>(r.Number * 10, null))];
        });

        var first = writer.WriteAsync(1, new Numbered(1));
        Assert.Equal(1, writer.QueueCount); // busy: the queue is there while the batch is written
        release.SetResult();

        Assert.Equal(10, await first);
        Assert.True(SpinWait.SpinUntil(() => writer.QueueCount == 0, TimeSpan.FromSeconds(10)), "The idle queue was kept.");
        Assert.Equal(20, await writer.WriteAsync(1, new Numbered(2)));
        Assert.True(SpinWait.SpinUntil(() => writer.QueueCount == 0, TimeSpan.FromSeconds(10)), "The idle queue was kept.");
    }

    [Fact]
    public async Task Requests_racing_with_the_drop_are_each_written_once_and_an_events_batches_never_overlap()
    {
        var writing = new ConcurrentDictionary<long, int>();
        var written = new ConcurrentDictionary<int, int>();
        var overlaps = 0;
        var writer = new EventBatchWriter<Numbered, int>(3, async (eventId, batch) =>
        {
            if (writing.AddOrUpdate(eventId, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            // Gives other threads the chance to queue while this batch is "written", and to find it idle just after.
            await Task.Yield();
            foreach (var request in batch)
            {
                written.AddOrUpdate(request.Number, 1, (_, n) => n + 1);
            }

            writing.AddOrUpdate(eventId, 0, (_, n) => n - 1);
            return [.. batch.Select(r => new Outcome<int>(r.Number, null))];
        });

        // Small bursts on few events from many threads: queues go idle and are dropped again and again
        // while other requests for the same event arrive.
        var requests = Enumerable.Range(0, 4000).ToList();
        var results = await Task.WhenAll(requests.Select(n => Task.Run(() => writer.WriteAsync(n % 4, new Numbered(n)))));

        Assert.Equal(requests, results);
        Assert.Equal(requests.Count, written.Count);
        Assert.All(written.Values, count => Assert.Equal(1, count));
        Assert.Equal(0, overlaps);
        Assert.True(SpinWait.SpinUntil(() => writer.QueueCount == 0, TimeSpan.FromSeconds(10)), $"{writer.QueueCount} idle queues were kept.");
    }

    private sealed class Numbered(int number) : QueuedRequest<int>
    {
        public int Number { get; } = number;
    }
}
