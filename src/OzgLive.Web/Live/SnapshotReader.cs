using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Options;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Live;

/// <summary>
/// Builds the snapshot a caller may see. Moderators' snapshots (every question) are read in one
/// transaction each. What viewers and presenter screens get is the same for all of them at one
/// <c>seq</c> (the event, its clock, the question settings, the public questions), so it is read once,
/// from the public rows only, and shared by everyone joining until the event changes; only a viewer's
/// own questions and votes are read per viewer. A viewer's snapshot holds only the first page of the
/// public questions (<see cref="PublicQuestionList"/>); the rest comes page by page (<see cref="PageAsync"/>).
/// </summary>
public sealed class SnapshotReader(Database database, TimeProvider time, IOptions<QuestionPageOptions> pageOptions)
{
    private readonly ConcurrentDictionary<long, PublicSlot> publicParts = new();

    // Which event a slug named when its shared part was read; trusted only while that part is current.
    private readonly ConcurrentDictionary<string, long> eventIdsBySlug = new(StringComparer.Ordinal);

    /// <param name="shared">
    /// True for the hub's joins: the viewers' part may come from the cache. Pages read afresh (false),
    /// so that they also show what was written without going through <see cref="EventChanges"/>
    /// (demo content, tests).
    /// </param>
    /// <param name="wholeList">
    /// Every public question for a viewer too (the page's "all questions" link without JavaScript);
    /// presenter screens always get them all, viewers otherwise the first page.
    /// </param>
    /// <returns>Null when the event does not exist or the caller may not see it (a draft).</returns>
    public async Task<EventSnapshot?> ReadAsync(long eventId, EventRole role, string? viewerId, bool shared = false, bool wholeList = false)
    {
        if (role >= EventRole.Moderator)
        {
            return await ReadForModeratorAsync(eventId, role, viewerId);
        }

        var publicPart = shared ? await PublicPartAsync(eventId) : await ReadPublicAsync(eventId);
        if (publicPart is null)
        {
            return null;
        }

        IReadOnlyList<OwnQuestion> mine = [];
        IReadOnlyList<long> myVotes = [];
        IReadOnlyList<MyPollAnswer> myAnswers = [];
        IReadOnlyList<BackstageMessage>? backstage = null;
        if (viewerId is not null || role == EventRole.Presenter)
        {
            // The viewer's own part is not numbered (MyQuestionsChanged carries absolute states), so it
            // need not be read together with the shared part.
            await using var connection = database.Open();
            if (viewerId is not null)
            {
                mine = [.. (await QuestionStore.ListByViewerAsync(connection, null, eventId, viewerId)).Select(OwnQuestion.From)];
                myVotes = await QuestionStore.VotedByAsync(connection, null, eventId, viewerId);
                myAnswers = await PollStore.AnswersByAsync(connection, null, eventId, viewerId);
            }

            if (role == EventRole.Presenter)
            {
                backstage = await QuestionService.ActiveBackstageAsync(connection, null, eventId);
            }
        }

        // Presenter screens are few and show the next questions by the moderators' order: all of them.
        var questions = publicPart.Questions;
        var whole = wholeList || role == EventRole.Presenter;
        return new EventSnapshot(
            eventId, publicPart.Seq, role, publicPart.Event, ClockView.From(publicPart.Clock, time.GetUtcNow()), publicPart.Settings,
            whole ? questions.All : questions.FirstPage, null, mine, myVotes, backstage, null, publicPart.Polls, myAnswers,
            questions.Total, !whole && questions.More);
    }

    /// <summary>
    /// Public questions older than <paramref name="beforeId"/> (GetPublicQuestions), from the current
    /// shared part: its seq is at least that of every change already queued for any client, because
    /// <see cref="Changed"/> runs before a change's broadcast is queued.
    /// </summary>
    /// <returns>Null when the event does not exist or is a draft.</returns>
    public async Task<PublicQuestionsPage?> PageAsync(long eventId, long? beforeId)
    {
        if (await PublicPartAsync(eventId) is not { } part)
        {
            return null;
        }

        var (questions, more) = part.Questions.Before(beforeId);
        return new PublicQuestionsPage(eventId, part.Seq, questions, more);
    }

    /// <summary>
    /// The public event with this slug, if its shared part is current (nothing changed since it was
    /// read), so that a viewer's join needs no read of the event; null when that is not known.
    /// </summary>
    public long? CurrentPublicEvent(string slug) =>
        eventIdsBySlug.TryGetValue(slug, out var eventId)
        && publicParts.TryGetValue(eventId, out var slot)
        && slot.Current() is { Part: { } part }
        && part.Event.Slug == slug
            ? eventId
            : null;

    /// <summary>
    /// Call after every commit that changes what viewers see, before its broadcast is queued. A shared
    /// part read before the change is then never handed out after the change's broadcast could have
    /// started, so a client that joined the group before reading its snapshot gets every later change.
    /// </summary>
    public void Changed(long eventId) => Slot(eventId).Changed();

    private async Task<PublicPart?> PublicPartAsync(long eventId)
    {
        var slot = Slot(eventId);
        if (slot.Current() is { } cached)
        {
            return cached.Part;
        }

        // One read for everyone arriving at once (a broadcast starting, a restart): the others wait
        // for it instead of reading the same rows again.
        await slot.Reading.WaitAsync();
        try
        {
            if (slot.Current() is { } readMeanwhile)
            {
                return readMeanwhile.Part;
            }

            // Taken before reading: if the event changes while we read, the version moves on and
            // what we read is not kept.
            var version = slot.Version;
            var part = await ReadPublicAsync(eventId);
            if (part is not null)
            {
                eventIdsBySlug[part.Event.Slug] = eventId;
            }

            slot.Keep(new PublicEntry(version, part));
            return part;
        }
        finally
        {
            slot.Reading.Release();
        }
    }

    private async Task<PublicPart?> ReadPublicAsync(long eventId)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginRead(connection);
        var ev = await EventStore.LoadAsync(connection, eventId, transaction);
        if (ev is null || !ev.Status.IsPublic())
        {
            return null;
        }

        var clock = await ClockService.LoadStateAsync(connection, transaction, ev);
        var settings = await QuestionService.SettingsAsync(connection, transaction, eventId);
        var questions = await QuestionStore.ListPublicAsync(connection, transaction, eventId);
        // Prepared polls stay with the moderators until opened.
        var polls = (await PollStore.ListWithResultsAsync(connection, transaction, eventId))
            .Where(p => p.Poll.State != PollState.Prepared)
            .Select(p => PollView.ForAudience(p.Poll, p.Results))
            .ToList();

        return new PublicPart(ev.Seq, EventView.From(ev), clock, settings, new PublicQuestionList([.. questions.Select(PublicQuestion.From)], pageOptions.Value), polls);
    }

    private async Task<EventSnapshot?> ReadForModeratorAsync(long eventId, EventRole role, string? viewerId)
    {
        await using var connection = database.Open();
        using var transaction = Database.BeginRead(connection);
        var ev = await EventStore.LoadAsync(connection, eventId, transaction);
        if (ev is null)
        {
            return null;
        }

        var (modSeq, presenterKey) = await connection.QuerySingleAsync<(long, string?)>(
            "SELECT mod_seq, presenter_key FROM events WHERE id = @eventId", new { eventId }, transaction);
        var clock = await ClockService.LoadStateAsync(connection, transaction, ev);
        var settings = await QuestionService.SettingsAsync(connection, transaction, eventId);
        var all = await QuestionStore.ListAsync(connection, transaction, eventId);
        var askers = await QuestionStore.AskerCountsAsync(connection, transaction, eventId);
        var backstage = await QuestionService.ActiveBackstageAsync(connection, transaction, eventId);
        var myVotes = viewerId is null ? [] : await QuestionStore.VotedByAsync(connection, transaction, eventId, viewerId);
        var polls = (await PollStore.ListWithResultsAsync(connection, transaction, eventId)).Select(p => PollView.From(p.Poll, p.Results)).ToList();

        var myAnswers = viewerId is null ? [] : await PollStore.AnswersByAsync(connection, transaction, eventId, viewerId);
        return new EventSnapshot(
            ev.Id,
            modSeq,
            role,
            EventView.From(ev),
            ClockView.From(clock, time.GetUtcNow()),
            settings,
            null,
            [.. all.Select(q => ModeratorQuestion.From(q, askers.GetValueOrDefault(q.Id)))],
            [.. all.Where(q => viewerId is not null && q.ViewerId == viewerId).Select(OwnQuestion.From)],
            myVotes,
            backstage,
            presenterKey,
            polls,
            myAnswers,
            all.Count(q => q.Status.IsPublic()),
            MorePublicQuestions: false);
    }

    private PublicSlot Slot(long eventId) => publicParts.GetOrAdd(eventId, _ => new PublicSlot());

    /// <summary>Null: the event does not exist or is a draft.</summary>
    private sealed record PublicPart(
        long Seq, EventView Event, ClockState Clock, QuestionSettings Settings, PublicQuestionList Questions, IReadOnlyList<PollView> Polls);

    private sealed record PublicEntry(long Version, PublicPart? Part);

    private sealed class PublicSlot
    {
        private long version;
        private PublicEntry? entry;

        public SemaphoreSlim Reading { get; } = new(1, 1);

        public long Version => Interlocked.Read(ref version);

        public void Changed() => Interlocked.Increment(ref version);

        public PublicEntry? Current() => Volatile.Read(ref entry) is { } e && e.Version == Version ? e : null;

        public void Keep(PublicEntry read) => Volatile.Write(ref entry, read);
    }
}
