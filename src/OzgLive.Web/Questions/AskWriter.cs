using Microsoft.Extensions.Options;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Web.Questions;

/// <summary>
/// Stores viewers' questions many to a transaction (group commit, <see cref="EventBatchWriter{TRequest, TResult}"/>).
/// Each question is still a change of its own (<see cref="EventChanges.RunEachAsync{TItem, T}"/>):
/// checked on its own, refused alone without writing anything, and announced with its own numbers,
/// in the order it was stored. Each asker hears back after the batch has committed.
/// </summary>
public sealed class AskWriter
{
    /// <summary>The most questions in one transaction, so one batch never holds the event's lock for long.</summary>
    public const int MaxBatch = 200;

    private readonly EventBatchWriter<QueuedAsk, AskResult> writer;
    private readonly QuestionIntake intake;
    private readonly HeldWords heldWords;
    private readonly RateLimits limits;
    private readonly IOptions<QuestionOptions> options;

    public AskWriter(EventChanges changes, QuestionIntake intake, HeldWords heldWords, RateLimits limits, IOptions<QuestionOptions> options)
    {
        this.intake = intake;
        this.heldWords = heldWords;
        this.limits = limits;
        this.options = options;
        writer = new(MaxBatch, (eventId, batch) => changes.RunEachAsync(eventId, batch, StoreAsync));
    }

    /// <summary>Queues the question and completes once it is stored (or found stored by an earlier try), or with why it was refused.</summary>
    public Task<AskResult> WriteAsync(long eventId, QueuedAsk ask) => writer.WriteAsync(eventId, ask);

    /// <summary>Writes the questions as the writer would write what queued up while it was busy. Never throws.</summary>
    internal Task WriteBatchAsync(long eventId, IReadOnlyList<QueuedAsk> batch) => writer.WriteBatchAsync(eventId, batch);

    /// <summary>One question's change: checked against the event as it is now, stored, audited and announced.</summary>
    private async Task<AskResult> StoreAsync(EventChange change, QueuedAsk ask)
    {
        // A question never changes the event itself: what the next one is checked against stays kept.
        change.KeepEventState();

        // A retry after a reconnect carries the same client id: answer with the stored question.
        var existing = await QuestionStore.FindByClientIdAsync(change.Commands, change.EventId, ask.ClientId);
        if (existing is not null)
        {
            if (existing.ViewerId != ask.ViewerId)
            {
                throw new QuestionException("invalid-argument", "Diese Kennung (clientId) ist schon vergeben. Bitte eine neue, zufällige Kennung verwenden.");
            }

            return new AskResult(OwnQuestion.From(existing), null);
        }

        var state = await OpenEventAsync(change);
        var block = ask.BlockNumber ?? (state.Phase == Clock.ClockPhase.Block ? state.CurrentBlock : null);
        if (block is int n)
        {
            if (n < 1 || n > state.BlockCount)
            {
                throw new QuestionException("block-not-found", $"Block {n} gibt es nicht.");
            }

            switch (state.Settings.Blocks[n - 1].QuestionsState)
            {
                case QuestionsState.Paused:
                    throw new QuestionException("questions-paused", $"Fragen zu Block {n} sind gerade pausiert. Bitte versuchen Sie es gleich noch einmal.");
                case QuestionsState.Closed:
                    throw new QuestionException("questions-closed", $"Zu Block {n} werden keine Fragen mehr angenommen.");
            }
        }

        if (!await limits.TryAcquireAsync(
                ("question:viewer", ask.ViewerId, options.Value.QuestionsPerViewerPerMinute),
                ("question:address", ask.Caller.Address, options.Value.QuestionsPerAddressPerMinute)))
        {
            throw new QuestionException("rate-limited", "Sie haben gerade viele Fragen gestellt. Bitte warten Sie eine Minute.");
        }

        var held = heldWords.Match(string.Join(' ', ask.Text, ask.DisplayName, ask.Organisation));
        var approved = state.Settings.AutoApprove && held is null;
        var asked = Channels.PartnerOrigins.Channel(state.Partners, ask.Channel);
        var question = await QuestionStore.InsertAsync(change.Commands, new Question(
            0, change.EventId, block, ask.ClientId, ask.ViewerId, ask.Text, ask.Text, ask.DisplayName, ask.Organisation, QuestionSource.Live,
            approved ? QuestionStatus.Approved : QuestionStatus.Pending, null,
            held is null ? null : $"Wortliste: „{held}“", false, null, null, null, 0, 1,
            change.Now, approved ? change.Now : null, null, null, FollowKeys.New(), Channel: asked));
        await QuestionService.AuditAsync(change, ask.Caller.Actor, "ask", null, question);
        await QuestionService.AnnounceAsync(change, [(null, question)]);
        return new AskResult(OwnQuestion.From(question), question);
    }

    /// <summary>The event's intake state if it takes questions now.</summary>
    private async Task<IntakeState> OpenEventAsync(EventChange change)
    {
        var state = await intake.ReadAsync(change);
        if (state is null || !state.Status.IsPublic())
        {
            throw QuestionService.EventNotFound();
        }

        if (state.Status is not (EventStatus.Scheduled or EventStatus.Live))
        {
            throw new QuestionException("questions-closed", "Die Veranstaltung ist beendet: Es werden keine Fragen mehr angenommen.");
        }

        switch (state.Settings.QuestionsState)
        {
            case QuestionsState.Paused:
                throw new QuestionException("questions-paused", "Fragen sind gerade pausiert. Bitte versuchen Sie es gleich noch einmal.");
            case QuestionsState.Closed:
                throw new QuestionException("questions-closed", "Für diese Veranstaltung werden keine Fragen mehr angenommen.");
        }

        return state;
    }
}

/// <summary>A question waiting to be stored: already cleaned and checked for form, not yet against the event.</summary>
public sealed class QueuedAsk(Caller caller, string viewerId, string clientId, string text, string? displayName, string? organisation, int? blockNumber, string? channel = null)
    : QueuedRequest<AskResult>
{
    public Caller Caller { get; } = caller;

    public string ViewerId { get; } = viewerId;

    public string ClientId { get; } = clientId;

    public string Text { get; } = text;

    public string? DisplayName { get; } = displayName;

    public string? Organisation { get; } = organisation;

    public int? BlockNumber { get; } = blockNumber;

    /// <summary>The partner site the embed names (null: the live page); believed only for listed partners.</summary>
    public string? Channel { get; } = channel;
}

/// <summary>The asker's view of their question, and the question if this try stored it (null for a retry that found it).</summary>
public sealed record AskResult(OwnQuestion Own, Question? Stored);
