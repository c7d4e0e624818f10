using System.Collections.Concurrent;

namespace OzgLive.Web.Live;

/// <summary>
/// Group commit for one kind of request (votes, questions): an event's requests that queue up while
/// a batch is being written form the next batch, so under load the event's lock is taken and the
/// disk synced once per batch, and a lone request is still written at once: there is no timer and
/// no waiting for more requests.
/// </summary>
/// <remarks>
/// One writer per event at a time, batch after batch until nothing waits. The batch write
/// gives each request's outcome in order; each caller hears back only after its batch has committed.
/// If the batch fails as a whole, nothing of it was stored and every request in it fails.
/// An event's queue lives only while it has work: the writer that finds it empty drops it, so a
/// long-running server does not keep one for every event it ever wrote for.
/// </remarks>
public sealed class EventBatchWriter<TRequest, TResult>(int maxBatch, Func<long, IReadOnlyList<TRequest>, Task<IReadOnlyList<Outcome<TResult>>>> writeBatch)
    where TRequest : QueuedRequest<TResult>
{
    private readonly ConcurrentDictionary<long, EventQueue> events = new();

    /// <summary>How many events have a queue now (work waiting or being written).</summary>
    internal int QueueCount => events.Count;

    /// <summary>Queues the request and completes once it is stored, with its result, or with why it was refused.</summary>
    public Task<TResult> WriteAsync(long eventId, TRequest request)
    {
        while (true)
        {
            var queue = events.GetOrAdd(eventId, _ => new EventQueue());
            lock (queue)
            {
                if (queue.Dropped)
                {
                    // Its writer found it empty and let it go after this thread had taken it: a new one takes its place.
                    continue;
                }

                queue.Waiting.Enqueue(request);
                if (queue.Writing)
                {
                    // The running writer takes it with its next batch.
                    return request.Result;
                }

                queue.Writing = true;
            }

            _ = Task.Run(() => WriteQueuedAsync(eventId, queue));
            return request.Result;
        }
    }

    /// <summary>Writes one batch and completes each request's task. Never throws.</summary>
    public async Task WriteBatchAsync(long eventId, IReadOnlyList<TRequest> batch)
    {
        IReadOnlyList<Outcome<TResult>> outcomes;
        try
        {
            outcomes = await writeBatch(eventId, batch);
        }
        catch (Exception ex)
        {
            foreach (var request in batch)
            {
                request.Fail(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(outcomes[i]);
        }
    }

    private async Task WriteQueuedAsync(long eventId, EventQueue queue)
    {
        while (true)
        {
            List<TRequest> batch;
            lock (queue)
            {
                if (queue.Waiting.Count == 0)
                {
                    // Idle: dropped under its lock, so a request either got in before (and was written)
                    // or sees Dropped and queues in a fresh one. Only this queue is removed, never a successor.
                    queue.Writing = false;
                    queue.Dropped = true;
                    events.TryRemove(new KeyValuePair<long, EventQueue>(eventId, queue));
                    return;
                }

                batch = new List<TRequest>(Math.Min(queue.Waiting.Count, maxBatch));
                while (batch.Count < maxBatch && queue.Waiting.TryDequeue(out var request))
                {
                    batch.Add(request);
                }
            }

            await WriteBatchAsync(eventId, batch);
        }
    }

    private sealed class EventQueue
    {
        public Queue<TRequest> Waiting { get; } = new();

        public bool Writing { get; set; }

        public bool Dropped { get; set; }
    }
}

/// <summary>A request waiting in an <see cref="EventBatchWriter{TRequest, TResult}"/>, and its caller's answer.</summary>
public abstract class QueuedRequest<TResult>
{
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Result => completion.Task;

    public void Complete(Outcome<TResult> outcome)
    {
        if (outcome.Error is { } error)
        {
            completion.TrySetException(error);
        }
        else
        {
            completion.TrySetResult(outcome.Result!);
        }
    }

    public void Fail(Exception exception) => completion.TrySetException(exception);
}
