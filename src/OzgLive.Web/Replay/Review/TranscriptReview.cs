using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Replay.Review;

/// <summary>A refused review action: a code the page turns into its own text, and the German message for logs and callers without a page.</summary>
public sealed record ReviewRefusal(string Code, string Message);

/// <summary>The replay settings as the organiser typed them (all text, checked here).</summary>
public sealed record ReplaySettingsInput(string? ReplayVideo, string? Offset, string? RetentionDays);

/// <summary>
/// The organiser's privacy review of a frozen transcript, the replay settings, and publishing.
/// Every write runs through <see cref="EventChanges"/> (the event's lock, one transaction), checks
/// the row version the organiser saw, bumps the row's and the transcript's version (the replay
/// page's ETag) and writes an audit row. A refused action changes nothing.
/// </summary>
public sealed partial class TranscriptReview(EventChanges changes, ILogger<TranscriptReview> logger)
{
    public const int MaxOffsetSeconds = 6 * 3600;
    public const int MaxRetentionDays = 3650;

    public Task<ReviewRefusal?> SetHiddenAsync(long eventId, long rowId, long version, bool hidden, string actor) =>
        ChangeQuestionAsync(eventId, rowId, version, actor, hidden ? "review-hide" : "review-show", async (change, before) =>
        {
            if (before.Hidden == hidden)
            {
                return null;
            }

            await change.Connection.ExecuteAsync(
                "UPDATE transcript_questions SET hidden = @hidden WHERE id = @rowId", new { hidden, rowId }, change.Transaction);
            return null;
        });

    /// <summary>Removes the asker's name and organisation from the transcript for good (the live record keeps them until retention).</summary>
    public Task<ReviewRefusal?> RemoveNameAsync(long eventId, long rowId, long version, string actor) =>
        ChangeQuestionAsync(eventId, rowId, version, actor, "review-remove-name", async (change, before) =>
        {
            if (before.DisplayName is null && before.Organisation is null)
            {
                return new ReviewRefusal("no-name", "Diese Frage hat keinen Namen und keine Organisation (mehr).");
            }

            await change.Connection.ExecuteAsync(
                "UPDATE transcript_questions SET display_name = NULL, organisation = NULL, name_removed = 1 WHERE id = @rowId",
                new { rowId }, change.Transaction);
            return null;
        });

    /// <summary>Edits the published text; the original stays in <c>questions</c> and in the audit log.</summary>
    public Task<ReviewRefusal?> EditTextAsync(long eventId, long rowId, long version, string? text, string actor)
    {
        var cleaned = QuestionText.Clean(text);
        var length = QuestionText.Length(cleaned);
        if (length < QuestionText.MinLength)
        {
            return Task.FromResult<ReviewRefusal?>(new("text-too-short", $"Der Text muss mindestens {QuestionText.MinLength} Zeichen lang sein."));
        }

        if (length > QuestionText.MaxLength)
        {
            return Task.FromResult<ReviewRefusal?>(new("text-too-long", $"Der Text darf höchstens {QuestionText.MaxLength} Zeichen lang sein (jetzt {length})."));
        }

        return ChangeQuestionAsync(eventId, rowId, version, actor, "review-edit", async (change, before) =>
        {
            if (before.Text == cleaned)
            {
                return new ReviewRefusal("text-unchanged", "Der Text ist unverändert.");
            }

            await change.Connection.ExecuteAsync(
                "UPDATE transcript_questions SET text = @cleaned, text_edited = 1 WHERE id = @rowId", new { cleaned, rowId }, change.Transaction);
            return null;
        });
    }

    /// <summary>Checks and stores the replay video, the offset and the retention; field errors (German) keyed by the input's property names.</summary>
    public async Task<FieldErrors> SaveSettingsAsync(long eventId, ReplaySettingsInput input, string actor)
    {
        var errors = new FieldErrors();
        string? videoId = null;
        if (!string.IsNullOrWhiteSpace(input.ReplayVideo) && !YouTubeVideoId.TryParse(input.ReplayVideo, out videoId!))
        {
            errors.Add(nameof(ReplaySettingsInput.ReplayVideo), "Bitte eine YouTube-Adresse (watch, youtu.be, live, embed, shorts) oder eine 11-stellige Video-ID angeben.");
        }

        var offset = 0;
        if (!string.IsNullOrWhiteSpace(input.Offset) && !TryParseOffset(input.Offset, out offset))
        {
            errors.Add(nameof(ReplaySettingsInput.Offset), $"Bitte den Versatz als Minuten:Sekunden (z. B. 2:30 oder -0:30) oder Stunden:Minuten:Sekunden angeben, höchstens {MaxOffsetSeconds / 3600} Stunden.");
        }

        int? retention = null;
        if (!string.IsNullOrWhiteSpace(input.RetentionDays))
        {
            if (int.TryParse(input.RetentionDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxRetentionDays)
            {
                retention = days;
            }
            else
            {
                errors.Add(nameof(ReplaySettingsInput.RetentionDays), $"Bitte eine ganze Zahl von Tagen zwischen 1 und {MaxRetentionDays} angeben oder das Feld leer lassen (Namen bleiben erhalten).");
            }
        }

        if (!errors.Ok)
        {
            return errors;
        }

        var refusal = await changes.RunAsync(eventId, async change =>
        {
            if (await HeadAsync(change, eventId) is not { } head)
            {
                return NoTranscript();
            }

            var before = await TranscriptStore.LoadSettingsAsync(change.Connection, change.Transaction, eventId);
            await change.Connection.ExecuteAsync(
                """
                UPDATE events SET replay_video_id = @videoId, replay_offset_seconds = @offset, retention_days = @retention, updated_utc = @Now
                WHERE id = @eventId
                """,
                new { videoId, offset, retention, change.Now, eventId },
                change.Transaction);
            await BumpTranscriptAsync(change);
            var after = await TranscriptStore.LoadSettingsAsync(change.Connection, change.Transaction, eventId);
            await AuditAsync(change, actor, "replay-settings", null, before, after);
            return null;
        });
        if (refusal is not null)
        {
            errors.Add("", refusal.Message);
        }

        return errors;
    }

    /// <summary>
    /// Publishes an ended event's replay. While flags remain in what the public would see, the
    /// organiser must confirm explicitly that they have looked at them.
    /// </summary>
    public Task<ReviewRefusal?> PublishAsync(long eventId, bool confirmedFlags, string actor) =>
        changes.RunAsync(eventId, async change =>
        {
            if (await HeadAsync(change, eventId) is not { } head)
            {
                return NoTranscript();
            }

            if (head.Status != EventStatus.Ended)
            {
                return new ReviewRefusal("not-ended", head.Status == EventStatus.Published
                    ? "Die Aufzeichnung ist bereits veröffentlicht."
                    : "Veröffentlicht werden kann erst nach dem Ende der Veranstaltung.");
            }

            var transcript = await TranscriptStore.LoadAsync(change.Connection, change.Transaction, eventId);
            var unresolved = ReviewFlags.Unresolved(transcript!);
            if (unresolved > 0 && !confirmedFlags)
            {
                return new ReviewRefusal("flags-unconfirmed",
                    $"Im Transkript sind noch {unresolved} Hinweise auf personenbezogene Daten. Bitte prüfen und bestätigen, dass sie veröffentlicht werden dürfen.");
            }

            await SetStatusAsync(change, eventId, EventStatus.Published, change.Now);
            await AuditAsync(change, actor, "publish", null, new { status = "ended" }, new { status = "published", unresolvedFlags = unresolved, confirmedFlags });
            logger.LogInformation("Replay of event {EventId} published by {Actor} ({Flags} flags confirmed)", eventId, actor, unresolved);
            return null;
        });

    public Task<ReviewRefusal?> UnpublishAsync(long eventId, string actor) =>
        changes.RunAsync(eventId, async change =>
        {
            if (await HeadAsync(change, eventId) is not { } head)
            {
                return NoTranscript();
            }

            if (head.Status != EventStatus.Published)
            {
                return new ReviewRefusal("not-published", "Die Aufzeichnung ist nicht veröffentlicht.");
            }

            await SetStatusAsync(change, eventId, EventStatus.Ended, null);
            await AuditAsync(change, actor, "unpublish", null, new { status = "published" }, new { status = "ended" });
            return null;
        });

    /// <summary>Reads "2:30", "-0:30", "1:05:00", "+0:10" (and "0") as seconds.</summary>
    public static bool TryParseOffset(string? text, out int seconds)
    {
        seconds = 0;
        var match = OffsetPattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var parts = match.Groups["parts"].Value.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (parts.Length > 1 && parts[^1] >= 60 || parts.Length == 3 && parts[1] >= 60)
        {
            return false;
        }

        var total = parts.Aggregate(0L, (sum, part) => sum * 60 + part);
        if (total > MaxOffsetSeconds)
        {
            return false;
        }

        seconds = (int)total * (match.Groups["sign"].Value == "-" ? -1 : 1);
        return true;
    }

    /// <summary>The offset as the form shows it: "0:00", "2:30", "-0:30", "1:05:00".</summary>
    public static string FormatOffset(int seconds)
    {
        var sign = seconds < 0 ? "-" : "";
        var abs = Math.Abs(seconds);
        return abs >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 3600}:{abs / 60 % 60:00}:{abs % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 60}:{abs % 60:00}");
    }

    [GeneratedRegex(@"^(?<sign>[+-]?)\s*(?<parts>\d{1,5}(?::\d{1,2}){0,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();

    private Task<ReviewRefusal?> ChangeQuestionAsync(
        long eventId, long rowId, long version, string actor, string action, Func<EventChange, TranscriptQuestion, Task<ReviewRefusal?>> apply) =>
        changes.RunAsync(eventId, async change =>
        {
            if (await HeadAsync(change, eventId) is null)
            {
                return NoTranscript();
            }

            var before = await RowAsync(change, eventId, rowId);
            if (before is null)
            {
                // Also the answer for a question of another event: its id is not one of this transcript's.
                return new ReviewRefusal("unknown-question", "Diese Frage gibt es im Transkript dieser Veranstaltung nicht.");
            }

            if (before.Version != version)
            {
                return new ReviewRefusal("stale",
                    $"Die Frage wurde inzwischen geändert (Stand {before.Version}, Ihre Ansicht {version}). Bitte die aktuelle Fassung prüfen und erneut versuchen.");
            }

            if (await apply(change, before) is { } refused)
            {
                return refused;
            }

            await change.Connection.ExecuteAsync(
                "UPDATE transcript_questions SET version = version + 1, updated_utc = @Now WHERE id = @rowId",
                new { change.Now, rowId }, change.Transaction);
            await BumpTranscriptAsync(change);
            var after = await RowAsync(change, eventId, rowId);
            await AuditAsync(change, actor, action, before.QuestionId, before, after);
            return null;
        });

    private static async Task<TranscriptQuestion?> RowAsync(EventChange change, long eventId, long rowId) =>
        (await TranscriptStore.LoadAsync(change.Connection, change.Transaction, eventId))?.Questions.FirstOrDefault(q => q.Id == rowId);

    private static async Task<LiveEvent?> HeadAsync(EventChange change, long eventId)
    {
        var ev = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction);
        if (ev is null)
        {
            return null;
        }

        var hasTranscript = await change.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM transcripts WHERE event_id = @eventId", new { eventId }, change.Transaction);
        return hasTranscript == 1 ? ev : null;
    }

    private static ReviewRefusal NoTranscript() =>
        new("no-transcript", "Für diese Veranstaltung gibt es (noch) kein Transkript: Es entsteht, wenn die Veranstaltung endet.");

    private static Task BumpTranscriptAsync(EventChange change) =>
        TranscriptStore.MarkChangedAsync(change.Connection, change.Transaction, change.EventId);

    /// <summary>Status and publication time change together; live clients hear of the new status like after any organiser edit.</summary>
    private static async Task SetStatusAsync(EventChange change, long eventId, EventStatus status, DateTimeOffset? publishedAt)
    {
        await change.Connection.ExecuteAsync(
            "UPDATE events SET status = @status, published_utc = @publishedAt, updated_utc = @Now WHERE id = @eventId",
            new { status = status.ToDb(), publishedAt, change.Now, eventId },
            change.Transaction);
        await BumpTranscriptAsync(change);
        var ev = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction);
        var state = await ClockService.LoadStateAsync(change.Connection, change.Transaction, ev!);
        var message = new EventUpdated(eventId, 0, EventView.From(ev!), ClockView.From(state, change.Now));
        change.ToEveryone(ServerMessages.EventUpdated, seq => message with { Seq = seq });
    }

    private static Task AuditAsync(EventChange change, string actor, string action, long? questionId, object? before, object? after) =>
        AuditLog.WriteAsync(change, actor, action, questionId, before, after);
}
