using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Metrics;

namespace OzgLive.Web.Questions;

/// <summary>Who is acting: a viewer's proven id (if any), the network address, and the audit name.</summary>
public sealed record Caller(string? ViewerId, string Address, string Actor);

/// <summary>
/// Asking, voting and moderating. Every change runs through <see cref="EventChanges"/>: checked and
/// written in one transaction, then announced to moderators in full, to viewers only where the
/// public list changed, and to the author on their own connections.
/// </summary>
public sealed partial class QuestionService(
    EventChanges changes,
    RateLimits limits,
    VoteBroadcaster votes,
    AskWriter askWriter,
    VoteWriter voteWriter,
    IOptions<QuestionOptions> options,
    OzgLiveMetrics metrics)
{
    public const int MaxDisplayName = 40;
    public const int MinDisplayName = 2;
    public const int MaxOrganisation = 80;
    public const int MaxAnswer = 2000;
    public const int MaxBackstage = 280;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ClientIdPattern();

    // ---- Viewers --------------------------------------------------------------------------

    public async Task<OwnQuestion> AskAsync(Caller caller, long eventId, string clientId, string text, string? displayName, string? organisation, int? blockNumber, string? channel = null)
    {
        var viewerId = caller.ViewerId ?? throw new QuestionException("viewer-required", "Bitte zuerst als Zuschauer anmelden (IdentifyViewer).");
        if (clientId is null || !ClientIdPattern().IsMatch(clientId))
        {
            throw new QuestionException("invalid-argument", "Die Kennung der Frage (clientId) muss 1 bis 64 Zeichen aus A–Z, a–z, 0–9, - und _ haben.");
        }

        var cleaned = CleanQuestion(text);
        var name = CleanOptional(displayName, MinDisplayName, MaxDisplayName, "Der Name");
        var org = CleanOptional(organisation, 1, MaxOrganisation, "Die Organisation");

        var (own, stored) = await askWriter.WriteAsync(eventId, new QueuedAsk(caller, viewerId, clientId, cleaned, name, org, blockNumber, channel));

        // Counted once committed, and not for a retry that found its question stored already.
        if (stored is not null)
        {
            metrics.QuestionAsked(approved: stored.Status == QuestionStatus.Approved);
        }

        return own;
    }

    public Task<OwnQuestion> WithdrawAsync(Caller caller, long eventId, long questionId) =>
        changes.RunAsync(eventId, async change =>
        {
            var question = await OwnAsync(change, caller, questionId);
            QuestionRules.RequireStatus(question, "zurückgezogen", QuestionStatus.Pending);
            var after = await QuestionStore.SaveAsync(change.Connection, change.Transaction, question with { Status = QuestionStatus.Withdrawn }, change.Now);
            await AuditAsync(change, caller.Actor, "withdraw", question, after);
            await AnnounceAsync(change, [(question, after)]);
            return OwnQuestion.From(after);
        });

    /// <summary>Votes for (<paramref name="up"/>) or takes back the vote on an approved question.</summary>
    public async Task<VoteResult> VoteAsync(Caller caller, long eventId, long questionId, bool up)
    {
        var viewerId = caller.ViewerId ?? throw new QuestionException("viewer-required", "Bitte zuerst als Zuschauer anmelden (IdentifyViewer).");
        if (!await limits.TryAcquireAsync(
                ("vote:viewer", viewerId, options.Value.VotesPerViewerPerMinute),
                ("vote:address", caller.Address, options.Value.VotesPerAddressPerMinute)))
        {
            throw new QuestionException("rate-limited", "Sie haben gerade sehr oft abgestimmt. Bitte warten Sie eine Minute.");
        }

        var result = await voteWriter.WriteAsync(eventId, viewerId, questionId, up);
        metrics.Voted(up);
        votes.Changed(eventId, questionId);
        return result;
    }

    // ---- Moderators -----------------------------------------------------------------------

    public async Task<ModeratorQuestion> ApproveAsync(Caller caller, long eventId, long questionId, long version)
    {
        var approved = await ModerateAsync(caller, eventId, questionId, version, "approve", (q, now) =>
        {
            QuestionRules.RequireStatus(q, "freigegeben", QuestionStatus.Pending);
            return q with { Status = QuestionStatus.Approved, ApprovedAt = now };
        });
        metrics.QuestionsApproved(1);
        return approved;
    }

    public async Task<ModeratorQuestion> RejectAsync(Caller caller, long eventId, long questionId, long version, RejectReason reason)
    {
        RequireDefined(reason, "Bitte einen Ablehnungsgrund angeben: offTopic, duplicate, personalData, abusive oder other.");
        var rejected = await ModerateAsync(caller, eventId, questionId, version, "reject", (q, _) =>
        {
            QuestionRules.RequireStatus(q, "abgelehnt", QuestionStatus.Pending, QuestionStatus.Approved);
            return q with { Status = QuestionStatus.Rejected, RejectReason = reason, Pinned = false, ModeratorOrder = null };
        });
        metrics.QuestionRejected();
        return rejected;
    }

    public Task<ModeratorQuestion> EditAsync(Caller caller, long eventId, long questionId, long version, string text)
    {
        var cleaned = CleanQuestion(text);
        return ModerateAsync(caller, eventId, questionId, version, "edit", (q, _) =>
        {
            QuestionRules.RequireStatus(q, "bearbeitet", QuestionStatus.Pending, QuestionStatus.Approved, QuestionStatus.OnStage, QuestionStatus.Answered, QuestionStatus.Rejected);
            return q with { Text = cleaned };
        });
    }

    public Task<ModeratorQuestion> PinAsync(Caller caller, long eventId, long questionId, long version, bool pinned) =>
        ModerateAsync(caller, eventId, questionId, version, pinned ? "pin" : "unpin", async (change, q) =>
        {
            QuestionRules.RequireStatus(q, pinned ? "angeheftet" : "gelöst", QuestionStatus.Approved, QuestionStatus.OnStage);
            if (!pinned)
            {
                return q with { Pinned = false, ModeratorOrder = null };
            }

            if (q.Pinned)
            {
                return q;
            }

            // Pinned questions lead the presenter's list in the order they were pinned.
            var next = await change.Connection.ExecuteScalarAsync<int>(
                "SELECT COALESCE(MAX(moderator_order), 0) + 1 FROM questions WHERE event_id = @eventId", new { eventId }, change.Transaction);
            return q with { Pinned = true, ModeratorOrder = next };
        });

    public Task<ModeratorQuestion> MoveAsync(Caller caller, long eventId, long questionId, long version, int? blockNumber) =>
        ModerateAsync(caller, eventId, questionId, version, "move", async (change, q) =>
        {
            // Withdrawn and merged questions are closed records: nothing about them changes any more.
            QuestionRules.RequireStatus(q, "verschoben", QuestionStatus.Pending, QuestionStatus.Approved, QuestionStatus.OnStage, QuestionStatus.Answered, QuestionStatus.Rejected);
            if (blockNumber is int n)
            {
                var blocks = await change.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM blocks WHERE event_id = @eventId", new { eventId }, change.Transaction);
                if (n < 1 || n > blocks)
                {
                    throw new QuestionException("block-not-found", $"Block {n} gibt es nicht.");
                }
            }

            return q with { BlockNumber = blockNumber };
        });

    /// <summary>Puts a question on stage; the one there before goes back to the approved list.</summary>
    public Task<ModeratorQuestion> StageAsync(Caller caller, long eventId, long questionId, long version) =>
        changes.RunAsync(eventId, async change =>
        {
            var question = await ModeratedAsync(change, eventId, questionId, version);
            QuestionRules.RequireStatus(question, "auf die Bühne gebracht", QuestionStatus.Approved);
            var touched = new List<(Question? Before, Question After)>();
            foreach (var onStage in (await QuestionStore.ListAsync(change.Connection, change.Transaction, eventId)).Where(q => q.Status == QuestionStatus.OnStage))
            {
                var back = await QuestionStore.SaveAsync(change.Connection, change.Transaction, onStage with { Status = QuestionStatus.Approved, StagedAt = null }, change.Now);
                await AuditAsync(change, caller.Actor, "unstage", onStage, back);
                touched.Add((onStage, back));
            }

            var block = await StagedBlockAsync(change, question);
            var staged = await QuestionStore.SaveAsync(change.Connection, change.Transaction, question with { Status = QuestionStatus.OnStage, StagedAt = change.Now, BlockNumber = block }, change.Now);
            await AuditAsync(change, caller.Actor, "stage", question, staged);
            touched.Add((question, staged));
            await AnnounceAsync(change, touched);
            return await ModeratorViewAsync(change, staged);
        });

    public Task<ModeratorQuestion> UnstageAsync(Caller caller, long eventId, long questionId, long version) =>
        ModerateAsync(caller, eventId, questionId, version, "unstage", (q, _) =>
        {
            QuestionRules.RequireStatus(q, "von der Bühne genommen", QuestionStatus.OnStage);
            return q with { Status = QuestionStatus.Approved, StagedAt = null };
        });

    public Task<ModeratorQuestion> MarkAnsweredAsync(Caller caller, long eventId, long questionId, long version, string? answer)
    {
        var written = string.IsNullOrWhiteSpace(answer) ? null : CleanAnswer(answer);
        return ModerateAsync(caller, eventId, questionId, version, "answer", (q, now) =>
        {
            QuestionRules.RequireStatus(q, "als beantwortet markiert", QuestionStatus.OnStage, QuestionStatus.Approved);
            return q with { Status = QuestionStatus.Answered, AnsweredAt = now, AnswerText = written, Pinned = false, ModeratorOrder = null };
        });
    }

    public Task<ModeratorQuestion> ReopenAsync(Caller caller, long eventId, long questionId, long version) =>
        ModerateAsync(caller, eventId, questionId, version, "reopen", (q, _) =>
        {
            var status = QuestionRules.ReopenedStatus(q.Status);
            // An answered question reopened is unanswered again: its written answer stays in the audit log only.
            return q with { Status = status, RejectReason = null, AnsweredAt = null, StagedAt = null, AnswerText = null };
        });

    /// <summary>Merges <paramref name="duplicateId"/> into <paramref name="survivorId"/>: votes and askers combine.</summary>
    public Task<ModeratorQuestion> MergeAsync(Caller caller, long eventId, QuestionRef survivor, QuestionRef duplicate) =>
        changes.RunAsync(eventId, async change =>
        {
            if (survivor.QuestionId == duplicate.QuestionId)
            {
                throw new QuestionException("invalid-argument", "Eine Frage kann nicht mit sich selbst zusammengeführt werden.");
            }

            var keep = await ModeratedAsync(change, eventId, survivor.QuestionId, survivor.Version);
            var drop = await ModeratedAsync(change, eventId, duplicate.QuestionId, duplicate.Version);
            QuestionRules.RequireStatus(keep, "Ziel einer Zusammenführung", QuestionStatus.Pending, QuestionStatus.Approved, QuestionStatus.OnStage, QuestionStatus.Answered);
            QuestionRules.RequireStatus(drop, "zusammengeführt", QuestionStatus.Pending, QuestionStatus.Approved, QuestionStatus.Rejected);

            await change.Connection.ExecuteAsync(
                """
                INSERT INTO question_votes (question_id, viewer_id, created_utc)
                SELECT @keep, viewer_id, created_utc FROM question_votes WHERE question_id = @drop ON CONFLICT DO NOTHING;
                INSERT INTO question_askers (question_id, viewer_id)
                SELECT @keep, viewer_id FROM question_askers WHERE question_id = @drop ON CONFLICT DO NOTHING;
                """,
                new { keep = keep.Id, drop = drop.Id },
                change.Transaction);
            var combinedVotes = await change.Connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM question_votes WHERE question_id = @id", new { id = keep.Id }, change.Transaction);

            var kept = await QuestionStore.SaveAsync(change.Connection, change.Transaction, keep with { Votes = combinedVotes }, change.Now);
            var merged = await QuestionStore.SaveAsync(change.Connection, change.Transaction, drop with { Status = QuestionStatus.Merged, MergedIntoId = keep.Id, Pinned = false, ModeratorOrder = null }, change.Now);
            await AuditAsync(change, caller.Actor, "merge", drop, merged);
            await AuditAsync(change, caller.Actor, "merge-into", keep, kept);
            await AnnounceAsync(change, [(drop, merged), (keep, kept)]);
            return await ModeratorViewAsync(change, kept);
        });

    /// <summary>Approves many pending questions; each is checked on its own, refusals are reported, the rest applied.</summary>
    public async Task<BulkApproveResult> BulkApproveAsync(Caller caller, long eventId, IReadOnlyList<QuestionRef?>? questions)
    {
        if (questions is null || questions.Count is 0 or > 200)
        {
            throw new QuestionException("invalid-argument", "Bitte 1 bis 200 Fragen zum Freigeben angeben.");
        }

        if (questions.Any(q => q is null))
        {
            throw new QuestionException("invalid-argument", "Jede Frage zum Freigeben braucht {questionId, version}.");
        }

        var result = await changes.RunAsync(eventId, async change =>
        {
            var approved = new List<long>();
            var refused = new List<BulkRefusal>();
            var touched = new List<(Question? Before, Question After)>();
            foreach (var item in questions.OfType<QuestionRef>().DistinctBy(q => q.QuestionId))
            {
                try
                {
                    var question = await ModeratedAsync(change, eventId, item.QuestionId, item.Version);
                    QuestionRules.RequireStatus(question, "freigegeben", QuestionStatus.Pending);
                    var after = await QuestionStore.SaveAsync(change.Connection, change.Transaction, question with { Status = QuestionStatus.Approved, ApprovedAt = change.Now }, change.Now);
                    await AuditAsync(change, caller.Actor, "approve", question, after);
                    touched.Add((question, after));
                    approved.Add(after.Id);
                }
                catch (QuestionException ex)
                {
                    refused.Add(new BulkRefusal(item.QuestionId, ex.Code, ex.Message));
                }
            }

            if (touched.Count > 0)
            {
                await AnnounceAsync(change, touched);
            }

            return new BulkApproveResult(approved, refused);
        });
        metrics.QuestionsApproved(result.Approved.Count);
        return result;
    }

    /// <summary>Adds a question a moderator received elsewhere (YouTube chat, e-mail, phone, on site); it is approved at once.</summary>
    public async Task<ModeratorQuestion> AddAsync(Caller caller, long eventId, string text, string? displayName, string? organisation, QuestionSource source, int? blockNumber)
    {
        if (source == QuestionSource.Live || !Enum.IsDefined(source))
        {
            throw new QuestionException("invalid-argument", "Bitte angeben, woher die Frage kommt: youTube, twitter, email, phone, onSite oder other.");
        }

        var cleaned = CleanQuestion(text);
        var name = CleanOptional(displayName, MinDisplayName, MaxDisplayName, "Der Name");
        var org = CleanOptional(organisation, 1, MaxOrganisation, "Die Organisation");
        return await changes.RunAsync(eventId, async change =>
        {
            var ev = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction) ?? throw EventNotFound();
            if (blockNumber is int n && (n < 1 || n > ev.Blocks.Count))
            {
                throw new QuestionException("block-not-found", $"Block {n} gibt es nicht.");
            }

            var question = await QuestionStore.InsertAsync(change.Commands, new Question(
                0, eventId, blockNumber, "mod-" + Guid.NewGuid().ToString("N"), null, cleaned, cleaned, name, org, source,
                QuestionStatus.Approved, null, null, false, null, null, null, 0, 1, change.Now, change.Now, null, null));
            await AuditAsync(change, caller.Actor, "add", null, question);
            await AnnounceAsync(change, [(null, question)]);
            return await ModeratorViewAsync(change, question);
        });
    }

    public Task<QuestionSettings> SetAutoApproveAsync(Caller caller, long eventId, long settingsVersion, bool enabled) =>
        ChangeSettingsAsync(caller, eventId, settingsVersion, enabled ? "auto-approve-on" : "auto-approve-off", (change, _) =>
            change.Connection.ExecuteAsync("UPDATE events SET auto_approve = @enabled WHERE id = @eventId", new { enabled, eventId }, change.Transaction));

    /// <summary>Opens, pauses or closes questions for the event, or for one block when <paramref name="blockNumber"/> is given.</summary>
    public Task<QuestionSettings> SetQuestionsStateAsync(Caller caller, long eventId, long settingsVersion, QuestionsState state, int? blockNumber)
    {
        RequireDefined(state, "Bitte einen Zustand angeben: open, paused oder closed.");
        return ChangeSettingsAsync(caller, eventId, settingsVersion, $"questions-{state.ToDb()}" + (blockNumber is int b ? $"-block-{b}" : ""), async (change, settings) =>
        {
            if (blockNumber is int n)
            {
                if (n < 1 || n > settings.Blocks.Count)
                {
                    throw new QuestionException("block-not-found", $"Block {n} gibt es nicht.");
                }

                await change.Connection.ExecuteAsync(
                    "UPDATE blocks SET questions_state = @state WHERE event_id = @eventId AND position = @n",
                    new { state = state.ToDb(), eventId, n }, change.Transaction);
            }
            else
            {
                await change.Connection.ExecuteAsync(
                    "UPDATE events SET questions_state = @state WHERE id = @eventId", new { state = state.ToDb(), eventId }, change.Transaction);
            }
        });
    }

    // ---- Backstage ------------------------------------------------------------------------

    /// <param name="minutes">How long the note stays; null: until the next block starts (BackstageNotes).</param>
    public Task<IReadOnlyList<BackstageMessage>> SendBackstageAsync(Caller caller, long eventId, string text, int? minutes = null)
    {
        var cleaned = QuestionText.Clean(text);
        if (QuestionText.Length(cleaned) is < 1 or > MaxBackstage)
        {
            throw new QuestionException("invalid-argument", $"Die Nachricht an die Bühne muss 1 bis {MaxBackstage} Zeichen haben.");
        }

        if (minutes is < 1 or > BackstageNotes.MaxMinutes)
        {
            throw new QuestionException("invalid-argument", $"Eine Nachricht an die Bühne bleibt 1 bis {BackstageNotes.MaxMinutes} Minuten stehen.");
        }

        return BackstageAsync(caller, eventId, "backstage-send", async change =>
        {
            if (await EventStore.LoadAsync(change.Connection, eventId, change.Transaction) is { Status: EventStatus.Ended or EventStatus.Published })
            {
                // After the end the presenter screen stays clean: no note appears on it any more.
                throw new QuestionException("event-ended", "Die Veranstaltung ist beendet: Nachrichten an die Bühne sind nicht mehr möglich.");
            }

            await change.Connection.ExecuteAsync(
                """
                INSERT INTO backstage_messages (event_id, text, author, created_utc, until_next_block, expires_utc)
                VALUES (@eventId, @cleaned, @Actor, @Now, @untilNextBlock, @expires)
                """,
                new { eventId, cleaned, caller.Actor, change.Now, untilNextBlock = minutes is null, expires = minutes is int m ? change.Now.AddMinutes(m) : (DateTimeOffset?)null },
                change.Transaction);
        });
    }

    /// <summary>Removes the backstage notes of the event whose time is up (called by the clock's ticker).</summary>
    public Task ExpireBackstageAsync(long eventId) =>
        changes.RunAsync(eventId, async change =>
        {
            await BackstageNotes.ExpireDueAsync(change);
            return true;
        });

    public Task<IReadOnlyList<BackstageMessage>> DismissBackstageAsync(Caller caller, long eventId, long messageId) =>
        BackstageAsync(caller, eventId, "backstage-dismiss", async change =>
        {
            var changed = await change.Connection.ExecuteAsync(
                "UPDATE backstage_messages SET dismissed_utc = @Now WHERE id = @messageId AND event_id = @eventId AND dismissed_utc IS NULL",
                new { change.Now, messageId, eventId }, change.Transaction);
            if (changed == 0)
            {
                throw new QuestionException("message-not-found", "Diese Nachricht gibt es nicht oder sie wurde schon ausgeblendet.");
            }
        });

    public static async Task<IReadOnlyList<BackstageMessage>> ActiveBackstageAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, long eventId) =>
        (await connection.QueryAsync<BackstageRow>(
            """
            SELECT id, text, created_utc AS CreatedAt, until_next_block AS UntilNextBlock, expires_utc AS ExpiresAt
            FROM backstage_messages WHERE event_id = @eventId AND dismissed_utc IS NULL ORDER BY id
            """,
            new { eventId }, transaction))
            .Select(r => new BackstageMessage(r.Id, r.Text, r.CreatedAt) { UntilNextBlock = r.UntilNextBlock, ExpiresAt = r.ExpiresAt }).ToList();

    public static async Task<QuestionSettings> SettingsAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, long eventId)
    {
        var row = await connection.QuerySingleAsync<(string State, long AutoApprove, long Version)>(
            "SELECT questions_state, auto_approve, settings_version FROM events WHERE id = @eventId", new { eventId }, transaction);
        var blocks = await connection.QueryAsync<(long Number, string State)>(
            "SELECT position, questions_state FROM blocks WHERE event_id = @eventId ORDER BY position", new { eventId }, transaction);
        return new QuestionSettings(
            QuestionEnums.Parse<QuestionsState>(row.State), row.AutoApprove != 0, row.Version,
            blocks.Select(b => new BlockQuestionsState((int)b.Number, QuestionEnums.Parse<QuestionsState>(b.State))).ToList());
    }

    // ---- Shared steps -----------------------------------------------------------------------

    private Task<ModeratorQuestion> ModerateAsync(Caller caller, long eventId, long questionId, long version, string action, Func<Question, DateTimeOffset, Question> apply) =>
        ModerateAsync(caller, eventId, questionId, version, action, (change, q) => Task.FromResult(apply(q, change.Now)));

    private Task<ModeratorQuestion> ModerateAsync(Caller caller, long eventId, long questionId, long version, string action, Func<EventChange, Question, Task<Question>> apply) =>
        changes.RunAsync(eventId, async change =>
        {
            var before = await ModeratedAsync(change, eventId, questionId, version);
            var changed = await apply(change, before);
            if (changed == before)
            {
                return await ModeratorViewAsync(change, before);
            }

            var after = await QuestionStore.SaveAsync(change.Connection, change.Transaction, changed, change.Now);
            await AuditAsync(change, caller.Actor, action, before, after);
            await AnnounceAsync(change, [(before, after)]);
            return await ModeratorViewAsync(change, after);
        });

    private Task<QuestionSettings> ChangeSettingsAsync(Caller caller, long eventId, long settingsVersion, string action, Func<EventChange, QuestionSettings, Task> apply) =>
        changes.RunAsync(eventId, async change =>
        {
            _ = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction) ?? throw EventNotFound();
            var before = await SettingsAsync(change.Connection, change.Transaction, eventId);
            if (before.SettingsVersion != settingsVersion)
            {
                throw new QuestionException("stale", $"Die Einstellungen wurden inzwischen geändert (Stand {before.SettingsVersion}, Ihre Ansicht {settingsVersion}). Bitte prüfen und erneut versuchen.");
            }

            await apply(change, before);
            await change.Connection.ExecuteAsync(
                "UPDATE events SET settings_version = settings_version + 1 WHERE id = @eventId", new { eventId }, change.Transaction);
            var after = await SettingsAsync(change.Connection, change.Transaction, eventId);
            await AuditLog.WriteAsync(change, caller.Actor, action, before: before, after: after);
            change.ToEveryone(QuestionMessageNames.QuestionSettingsChanged, seq => new QuestionSettingsChanged(eventId, seq, after));
            return after;
        });

    private Task<IReadOnlyList<BackstageMessage>> BackstageAsync(Caller caller, long eventId, string action, Func<EventChange, Task> apply) =>
        changes.RunAsync(eventId, async change =>
        {
            _ = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction) ?? throw EventNotFound();
            var before = await ActiveBackstageAsync(change.Connection, change.Transaction, eventId);
            await apply(change);
            var active = await ActiveBackstageAsync(change.Connection, change.Transaction, eventId);
            // Before and after are the messages on the presenter screen, so the log shows what was said and when it went.
            await AuditLog.WriteAsync(change, caller.Actor, action, before: before, after: active);
            BackstageNotes.Announce(change, active);
            return active;
        });

    /// <summary>
    /// The block a question belongs to once it is on stage: the running block, where it is answered
    /// (a question asked during the welcome belongs to no block until then), unless a moderator moved
    /// it explicitly; that decision stands.
    /// </summary>
    private static async Task<int?> StagedBlockAsync(EventChange change, Question question)
    {
        var ev = await EventStore.LoadAsync(change.Connection, change.EventId, change.Transaction) ?? throw EventNotFound();
        var state = await ClockService.LoadStateAsync(change.Connection, change.Transaction, ev);
        if (state.Phase != ClockPhase.Block || state.CurrentBlock == question.BlockNumber)
        {
            return question.BlockNumber;
        }

        var moved = await change.Connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE event_id = @EventId AND question_id = @Id AND action = 'move')",
            new { question.EventId, question.Id }, change.Transaction);
        return moved ? question.BlockNumber : state.CurrentBlock;
    }

    private static async Task<Question> OwnAsync(EventChange change, Caller caller, long questionId)
    {
        var question = await QuestionStore.LoadAsync(change.Connection, change.Transaction, questionId);
        // Someone else's question answers exactly like a missing one: nothing to learn by probing ids.
        if (question is null || question.EventId != change.EventId || caller.ViewerId is null || question.ViewerId != caller.ViewerId)
        {
            throw QuestionNotFound();
        }

        return question;
    }

    private static async Task<Question> ModeratedAsync(EventChange change, long eventId, long questionId, long version)
    {
        var question = await QuestionStore.LoadAsync(change.Connection, change.Transaction, questionId);
        if (question is null || question.EventId != eventId)
        {
            throw QuestionNotFound();
        }

        QuestionRules.RequireVersion(question, version);
        return question;
    }

    private static async Task<ModeratorQuestion> ModeratorViewAsync(EventChange change, Question question) =>
        ModeratorQuestion.From(question, await QuestionStore.AskersAsync(change.Connection, change.Transaction, question.Id));

    /// <summary>Queues the messages for a change of these questions: moderators get all, viewers the public part, authors their own.</summary>
    internal static async Task AnnounceAsync(EventChange change, IReadOnlyList<(Question? Before, Question After)> touched)
    {
        var moderatorView = new List<ModeratorQuestion>(touched.Count);
        foreach (var (_, after) in touched)
        {
            moderatorView.Add(await ModeratorViewAsync(change, after));
        }

        change.ToModerators(QuestionMessageNames.QueueChanged, seq => new QueueChanged(change.EventId, seq, moderatorView));

        var shown = touched.Where(t => t.After.Status.IsPublic()).Select(t => PublicQuestion.From(t.After)).ToList();
        var removed = touched.Where(t => !t.After.Status.IsPublic() && t.Before?.Status.IsPublic() == true).Select(t => t.After.Id).ToList();
        if (shown.Count > 0 || removed.Count > 0)
        {
            change.ToAudience(QuestionMessageNames.QuestionsChanged, seq => new QuestionsChanged(change.EventId, seq, shown, removed));
        }

        foreach (var byViewer in touched.Where(t => t.After.ViewerId is not null).GroupBy(t => t.After.ViewerId!))
        {
            change.ToViewer(
                byViewer.Key,
                QuestionMessageNames.MyQuestionsChanged,
                new MyQuestionsChanged(change.EventId, byViewer.Select(t => OwnQuestion.From(t.After)).ToList()));
        }
    }

    internal static Task AuditAsync(EventChange change, string actor, string action, Question? before, Question after) =>
        AuditLog.WriteAsync(change, actor, action, after.Id, before, after);

    private static string CleanQuestion(string? text)
    {
        var cleaned = QuestionText.Clean(text);
        var length = QuestionText.Length(cleaned);
        if (length < QuestionText.MinLength || length > QuestionText.MaxLength)
        {
            throw new QuestionException(
                "invalid-argument",
                $"Eine Frage muss {QuestionText.MinLength} bis {QuestionText.MaxLength} Zeichen lang sein (jetzt {length}).");
        }

        return cleaned;
    }

    private static string CleanAnswer(string answer)
    {
        var cleaned = QuestionText.Clean(answer);
        if (QuestionText.Length(cleaned) > MaxAnswer)
        {
            throw new QuestionException("invalid-argument", $"Die schriftliche Antwort darf höchstens {MaxAnswer} Zeichen lang sein.");
        }

        return cleaned;
    }

    private static string? CleanOptional(string? value, int min, int max, string label)
    {
        var cleaned = QuestionText.Clean(value);
        if (cleaned.Length == 0)
        {
            return null;
        }

        var length = QuestionText.Length(cleaned);
        if (length < min || length > max)
        {
            throw new QuestionException("invalid-argument", $"{label} muss {min} bis {max} Zeichen lang sein (jetzt {length}).");
        }

        return cleaned;
    }

    // The JSON protocol also binds enums from numbers; an undefined one would only fail at the
    // database's CHECK constraint, as an uncoded error.
    private static void RequireDefined<T>(T value, string message)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new QuestionException("invalid-argument", message);
        }
    }

    internal static QuestionException QuestionNotFound() => new("question-not-found", "Diese Frage gibt es nicht (in dieser Veranstaltung).");

    internal static QuestionException EventNotFound() => new("event-not-found", "Diese Veranstaltung gibt es nicht.");

    private sealed class BackstageRow
    {
        public long Id { get; init; }
        public string Text { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public bool UntilNextBlock { get; init; }
        public DateTimeOffset? ExpiresAt { get; init; }
    }
}
