using System.Collections.Concurrent;

namespace OzgLive.Web.Live;

/// <summary>
/// Writes an event's small, frequent changes (votes, poll answers) many to a transaction (group
/// commit). One per transaction meant the event's lock and one fsync each; here the writes that queue
/// up while a batch is being written form the next batch, so under load the lock is taken and the
/// disk synced once per batch, and a lone write is still written at once: there is no timer and no
/// waiting for more.
/// </summary>
/// <remarks>
/// <paramref name="apply"/> checks each write on its own and refuses it without writing anything, so one
/// refused write never undoes the others. Each caller hears back only after the batch has committed.
/// </remarks>
/// <param name="apply">Writes the batch in the change's transaction and says, in order, what became of each write.</param>
/// <param name="maxBatch">The most writes in one transaction, so one batch never holds the event's lock for long.</param>
public sealed class GroupCommitWriter<TWrite, TResult>(
    EventChanges changes,
    Func<EventChange, IReadOnlyList<TWrite>, Task<IReadOnlyList<WriteOutcome<TResult>>>> apply,
    int maxBatch)
    where TWrite : QueuedWrite<TResult>
{
    private readonly ConcurrentDictionary<long, EventQueue> events = new();

    /// <summary>Queues the write and completes once it is stored, with its result, or with why it was refused.</summary>
    public Task<TResult> WriteAsync(long eventId, TWrite write)
    {
        var queue = events.GetOrAdd(eventId, _ => new EventQueue());
        lock (queue)
        {
            queue.Waiting.Enqueue(write);
            if (queue.Writing)
            {
                // The running writer takes it with its next batch.
                return write.Result;
            }

            queue.Writing = true;
        }

        _ = Task.Run(() => WriteQueuedAsync(eventId, queue));
        return write.Result;
    }

    /// <summary>Writes the batch in one transaction, in order, then completes each write's task. Never throws.</summary>
    public async Task WriteBatchAsync(long eventId, IReadOnlyList<TWrite> batch)
    {
        IReadOnlyList<WriteOutcome<TResult>> outcomes;
        try
        {
            outcomes = await changes.RunAsync(eventId, change => apply(change, batch));
        }
        catch (Exception ex)
        {
            // Nothing of the batch was stored: every write in it failed.
            foreach (var write in batch)
            {
                write.Fail(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(outcomes[i]);
        }
    }

    /// <summary>One writer per event: batch after batch until nothing is waiting.</summary>
    private async Task WriteQueuedAsync(long eventId, EventQueue queue)
    {
        while (true)
        {
            List<TWrite> batch;
            lock (queue)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Writing = false;
                    return;
                }

                batch = new List<TWrite>(Math.Min(queue.Waiting.Count, maxBatch));
                while (batch.Count < maxBatch && queue.Waiting.TryDequeue(out var write))
                {
                    batch.Add(write);
                }
            }

            await WriteBatchAsync(eventId, batch);
        }
    }

    private sealed class EventQueue
    {
        public Queue<TWrite> Waiting { get; } = new();

        public bool Writing { get; set; }
    }
}

/// <summary>A write waiting in a <see cref="GroupCommitWriter{TWrite, TResult}"/>, and its caller's answer.</summary>
public abstract class QueuedWrite<TResult>
{
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Result => completion.Task;

    public void Complete(WriteOutcome<TResult> outcome)
    {
        if (outcome.Refusal is { } refusal)
        {
            completion.TrySetException(refusal);
        }
        else
        {
            completion.TrySetResult(outcome.Result!);
        }
    }

    public void Fail(Exception exception) => completion.TrySetException(exception);
}

/// <summary>What became of one write in a batch: its result, or why it was refused.</summary>
public sealed record WriteOutcome<TResult>(TResult? Result, Exception? Refusal)
{
    public static WriteOutcome<TResult> Refused(Exception refusal) => new(default, refusal);

    public static WriteOutcome<TResult> Written(TResult result) => new(result, null);
}
