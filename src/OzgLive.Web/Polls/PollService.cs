using Dapper;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Polls;

/// <summary>
/// Preparing, running and answering polls. Every change runs through <see cref="EventChanges"/>:
/// checked and written in one transaction, then announced as <see cref="PollChanged"/> on the
/// moderators' stream and, once the poll has been opened, on the public stream (with results only
/// while they are public). Answers go through the group-commit <see cref="PollAnswerWriter"/> and
/// their results out coalesced (<see cref="PollResultsBroadcaster"/>).
/// </summary>
public sealed class PollService(
    EventChanges changes,
    PollAnswerWriter answers,
    PollResultsBroadcaster results,
    RateLimits limits,
    IOptions<QuestionOptions> options,
    TimeProvider time,
    ILogger<PollService> logger)
{
    /// <summary>Longest time limit a moderator may set: one hour.</summary>
    public const int MaxLimitSeconds = 3600;

    // ---- Viewers ----------------------------------------------------------------------------

    /// <param name="replace">False: the first answer; true: changes it (until the poll closes).</param>
    public async Task<MyPollAnswer> AnswerAsync(Caller caller, long eventId, long pollId, PollAnswer? answer, bool replace)
    {
        var viewerId = caller.ViewerId ?? throw new PollException("viewer-required", "Bitte zuerst als Zuschauer anmelden (IdentifyViewer).");
        // The votes' limits: an answer is as cheap as a vote, and a viewer gives few of either.
        if (!await limits.TryAcquireAsync(
                ("poll:viewer", viewerId, options.Value.VotesPerViewerPerMinute),
                ("poll:address", caller.Address, options.Value.VotesPerAddressPerMinute)))
        {
            throw new PollException("rate-limited", "Sie haben gerade sehr oft geantwortet. Bitte warten Sie eine Minute.");
        }

        var written = await answers.WriteAsync(eventId, viewerId, pollId, answer, replace);
        results.Changed(eventId, pollId);
        return written;
    }

    // ---- Moderators -------------------------------------------------------------------------

    // Each moderator action carries the poll's version the moderator saw (PollView.Version): one
    // decided on an older copy is refused as "stale" before anything else about the poll is checked.

    /// <param name="limitSeconds">Closes the poll by itself after this many seconds (10…3600); null: until closed.</param>
    public async Task<PollView> OpenAsync(long eventId, long pollId, long version, int? limitSeconds)
    {
        if (limitSeconds is < 10 or > MaxLimitSeconds)
        {
            throw new PollException("invalid-argument", $"Das Zeitlimit muss 10 bis {MaxLimitSeconds} Sekunden betragen.");
        }

        var view = await ChangeAsync(eventId, pollId, version, async (change, poll) =>
        {
            PollRules.RequireState(poll, "geöffnet", PollState.Prepared, PollState.Closed);
            await change.Connection.ExecuteAsync(
                "UPDATE polls SET state = 'open', opened_utc = @Now, closes_utc = @closes, closed_utc = NULL, version = version + 1, updated_utc = @Now WHERE id = @pollId",
                new { change.Now, closes = limitSeconds is int s ? change.Now.AddSeconds(s) : (DateTimeOffset?)null, pollId },
                change.Transaction);
        });
        if (view.ClosesAt is { } closesAt)
        {
            ScheduleClose(eventId, pollId, closesAt);
        }

        return view;
    }

    public Task<PollView> CloseAsync(long eventId, long pollId, long version) =>
        ChangeAsync(eventId, pollId, version, (change, poll) =>
        {
            PollRules.RequireState(poll, "geschlossen", PollState.Open);
            return CloseAsync(change, pollId);
        });

    public Task<PollView> RevealAsync(long eventId, long pollId, long version, bool revealed) =>
        ChangeAsync(eventId, pollId, version, (change, poll) => change.Connection.ExecuteAsync(
            "UPDATE polls SET revealed = @revealed, version = version + 1, updated_utc = @Now WHERE id = @pollId",
            new { revealed, change.Now, pollId }, change.Transaction));

    /// <summary>Hides a word-cloud word from the results (or shows it again); the answers stay stored.</summary>
    public Task<PollView> HideWordAsync(long eventId, long pollId, long version, string? word, bool hidden)
    {
        var counted = PollAnswers.Normalise(word ?? "");
        if (counted.Length == 0)
        {
            throw new PollException("invalid-argument", "Bitte das Wort angeben.");
        }

        return ChangeAsync(eventId, pollId, version, async (change, poll) =>
        {
            if (poll.Kind != PollKind.WordCloud)
            {
                throw new PollException("invalid-transition", "Nur in einer Wortwolke lassen sich Wörter ausblenden.");
            }

            await change.Connection.ExecuteAsync(
                hidden
                    ? "INSERT INTO poll_hidden_words (poll_id, word) VALUES (@pollId, @counted) ON CONFLICT DO NOTHING"
                    : "DELETE FROM poll_hidden_words WHERE poll_id = @pollId AND word = @counted",
                new { pollId, counted }, change.Transaction);
            // A new version, so that another moderator's decision on the words as they were is stale.
            await change.Connection.ExecuteAsync(
                "UPDATE polls SET version = version + 1, updated_utc = @Now WHERE id = @pollId",
                new { change.Now, pollId }, change.Transaction);
        });
    }

    /// <summary>Approves (shows) or rejects a text answer or a held word.</summary>
    public async Task<PollView> ModerateAnswerAsync(long eventId, long answerId, bool approve)
    {
        var view = await changes.RunAsync(eventId, async change =>
        {
            var pollId = await change.Connection.ExecuteScalarAsync<long?>(
                "SELECT a.poll_id FROM poll_answers a JOIN polls p ON p.id = a.poll_id WHERE a.id = @answerId AND p.event_id = @eventId",
                new { answerId, eventId }, change.Transaction)
                ?? throw new PollException("answer-not-found", "Diese Antwort gibt es in dieser Veranstaltung nicht.");
            var rows = await change.Connection.ExecuteAsync(
                "UPDATE poll_answers SET status = @status WHERE id = @answerId AND status IN ('held', 'pending')",
                new { status = approve ? "shown" : "rejected", answerId }, change.Transaction);
            if (rows == 0)
            {
                throw new PollException("invalid-transition", "Über diese Antwort wurde schon entschieden.");
            }

            return await AnnounceAsync(change, pollId);
        });
        results.Changed(eventId, view.Id);
        return view;
    }

    // ---- The event's end ---------------------------------------------------------------------

    /// <summary>
    /// Called in the change that ends the event: a poll left open would take answers after the
    /// broadcast, so each open poll closes in the same transaction, announced as a numbered change of its own.
    /// </summary>
    public static async Task CloseOpenPollsAsync(EventChange change)
    {
        var open = await change.Connection.QueryAsync<long>(
            "SELECT id FROM polls WHERE event_id = @EventId AND state = 'open' ORDER BY id",
            new { change.EventId }, change.Transaction);
        foreach (var pollId in open)
        {
            change.Then(async closing =>
            {
                await CloseAsync(closing, pollId);
                await AnnounceAsync(closing, pollId);
            });
        }
    }

    // ---- Organisers -------------------------------------------------------------------------

    public async Task<PollView> PrepareAsync(long eventId, PollDraft draft)
    {
        var valid = draft.Checked();
        return await changes.RunAsync(eventId, async change =>
        {
            var id = await InsertAsync(change, valid);
            return await AnnounceAsync(change, id);
        });
    }

    /// <summary>Deletes a poll that was never opened.</summary>
    public Task DeleteAsync(long eventId, long pollId) =>
        changes.RunAsync(eventId, async change =>
        {
            var poll = await LoadAsync(change, pollId);
            PollRules.RequireState(poll, "gelöscht", PollState.Prepared);
            await change.Connection.ExecuteAsync("DELETE FROM polls WHERE id = @pollId", new { pollId }, change.Transaction);
            change.ToModerators(PollMessageNames.PollRemoved, seq => new PollRemoved(eventId, seq, pollId));
            return 0;
        });

    /// <summary>
    /// Copies every poll of another event (of the series) into this one, as prepared polls without answers.
    /// A poll for a block this event does not have becomes a poll for the whole event.
    /// </summary>
    public async Task<int> CopyAsync(long fromEventId, long toEventId)
    {
        var source = await changes.RunAsync(fromEventId, change => PollStore.ListAsync(change.Connection, change.Transaction, fromEventId));
        var copied = 0;
        foreach (var poll in source)
        {
            await changes.RunAsync(toEventId, async change =>
            {
                var blocks = await change.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM blocks WHERE event_id = @toEventId", new { toEventId }, change.Transaction);
                var draft = PollDraft.From(poll);
                var id = await InsertAsync(change, draft with { BlockNumber = draft.BlockNumber <= blocks ? draft.BlockNumber : null });
                return await AnnounceAsync(change, id);
            });
            copied++;
        }

        return copied;
    }

    // ---- Shared -----------------------------------------------------------------------------

    private async Task<PollView> ChangeAsync(long eventId, long pollId, long version, Func<EventChange, Poll, Task> work)
    {
        var view = await changes.RunAsync(eventId, async change =>
        {
            var poll = await LoadAsync(change, pollId);
            PollRules.RequireVersion(poll, version);
            await work(change, poll);
            return await AnnounceAsync(change, pollId);
        });
        // Results may have become public (revealed, a word hidden): everyone gets them now.
        results.Changed(eventId, pollId);
        return view;
    }

    private static async Task<Poll> LoadAsync(EventChange change, long pollId) =>
        await PollStore.LoadAsync(change.Connection, change.Transaction, pollId) is { } poll && poll.EventId == change.EventId
            ? poll
            : throw PollException.NotFound();

    /// <summary>Reads the poll as changed and queues its messages: moderators always, the audience once it has been opened.</summary>
    private static async Task<PollView> AnnounceAsync(EventChange change, long pollId)
    {
        var poll = (await PollStore.LoadAsync(change.Connection, change.Transaction, pollId))!;
        var pollResults = await PollStore.ResultsAsync(change.Connection, change.Transaction, poll);
        var full = PollView.From(poll, pollResults);
        change.ToModerators(PollMessageNames.PollChanged, seq => new PollChanged(change.EventId, seq, full));
        if (poll.State != PollState.Prepared)
        {
            var audience = PollView.ForAudience(poll, pollResults);
            change.ToAudience(PollMessageNames.PollChanged, seq => new PollChanged(change.EventId, seq, audience));
        }

        return full;
    }

    private static Task<int> CloseAsync(EventChange change, long pollId) =>
        change.Connection.ExecuteAsync(
            "UPDATE polls SET state = 'closed', closed_utc = @Now, closes_utc = NULL, version = version + 1, updated_utc = @Now WHERE id = @pollId",
            new { change.Now, pollId }, change.Transaction);

    private static async Task<long> InsertAsync(EventChange change, PollDraft draft)
    {
        if (draft.BlockNumber is int n)
        {
            var blocks = await change.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM blocks WHERE event_id = @EventId", new { change.EventId }, change.Transaction);
            if (n < 1 || n > blocks)
            {
                throw new PollException("block-not-found", $"Block {n} gibt es nicht.");
            }
        }

        return await PollStore.InsertAsync(change.Connection, change.Transaction, change.EventId, draft, change.Now);
    }

    /// <summary>Closes the poll when its time is up, on the app's clock (tests advance it); also after a restart (PollDeadlines).</summary>
    public void ScheduleClose(long eventId, long pollId, DateTimeOffset closesAt) => _ = CloseWhenDueAsync(eventId, pollId, closesAt);

    private async Task CloseWhenDueAsync(long eventId, long pollId, DateTimeOffset closesAt)
    {
        try
        {
            var wait = closesAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
            }

            await changes.RunAsync(eventId, async change =>
            {
                // Only this opening's limit: closed meanwhile, or reopened with another limit, it stays as it is.
                var poll = await PollStore.LoadAsync(change.Connection, change.Transaction, pollId);
                if (poll is not { State: PollState.Open } || poll.ClosesAt != closesAt)
                {
                    return 0;
                }

                await CloseAsync(change, pollId);
                await AnnounceAsync(change, pollId);
                return 1;
            });
            results.Changed(eventId, pollId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Closing poll {PollId} of event {EventId} at its time limit failed", pollId, eventId);
        }
    }
}
