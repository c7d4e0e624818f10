using System.Data;
using System.Data.Common;
using Dapper;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Storage;

namespace OzgLive.Web.Events;

/// <summary>The outcome of an organiser's edit: the id written, or the field errors and nothing written.</summary>
public sealed record EditResult(long Id, FieldErrors Errors)
{
    public bool Ok => Errors.Ok;

    public static EditResult Invalid(FieldErrors errors) => new(0, errors);

    public static EditResult Invalid(string field, string message) => new(0, new FieldErrors { [field] = message });
}

/// <summary>
/// Organisers' writes to series, events, blocks and speakers. Each write that touches an event runs
/// under the event's lock in one transaction, takes the next sequence number and tells the event's
/// live clients (EventUpdated), exactly like a clock command.
/// </summary>
public sealed class EventEditor(Database database, EventChanges changes, TimeProvider time, ILogger<EventEditor> logger)
{
    public async Task<EditResult> SaveSeriesAsync(long? id, SeriesInput input)
    {
        var errors = input.Validate();
        if (!errors.Ok)
        {
            return EditResult.Invalid(errors);
        }

        var slug = EffectiveSlug(input.Slug, input.Title);
        await using var connection = database.Open();
        try
        {
            if (id is long existing)
            {
                var changed = await connection.ExecuteAsync(
                    "UPDATE series SET title = @Title, slug = @slug, description = @Description WHERE id = @existing",
                    new { Title = input.Title.Trim(), slug, Description = input.Description.Trim(), existing });
                return changed == 0 ? EditResult.Invalid("", "Diese Reihe gibt es nicht (mehr).") : new EditResult(existing, errors);
            }

            var newId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO series (slug, title, description, created_utc) VALUES (@slug, @Title, @Description, @now) RETURNING id",
                new { slug, Title = input.Title.Trim(), Description = input.Description.Trim(), now = time.GetUtcNow() });
            return new EditResult(newId, errors);
        }
        catch (DbException ex) when (Database.IsConstraintViolation(ex))
        {
            return EditResult.Invalid(nameof(SeriesInput.Slug), $"Die Kurzadresse „{slug}“ ist bereits vergeben.");
        }
    }

    public async Task<EditResult> SaveEventAsync(long? id, EventInput input)
    {
        var errors = input.Validate();
        if (!errors.Ok)
        {
            return EditResult.Invalid(errors);
        }

        var slug = EffectiveSlug(input.Slug, input.Title);
        var args = new
        {
            input.SeriesId,
            slug,
            Title = input.Title.Trim(),
            Description = input.Description.Trim(),
            Start = BerlinTime.FromBerlin(input.StartBerlin!.Value),
            LiveVideo = EventInput.VideoIdOrNull(input.LiveVideo),
            ReplayVideo = EventInput.VideoIdOrNull(input.ReplayVideo),
            ModeratorName = input.ModeratorName.Trim(),
            input.PublicClock,
            now = time.GetUtcNow(),
        };
        var requested = Enum.Parse<EventStatus>(input.Status, ignoreCase: true);

        if (id is not long eventId)
        {
            if (requested is not (EventStatus.Draft or EventStatus.Scheduled))
            {
                return EditResult.Invalid(nameof(EventInput.Status), "Eine neue Veranstaltung ist ein Entwurf oder geplant.");
            }

            await using var connection = database.Open();
            try
            {
                // QuerySingle, not ExecuteScalar: SQLite checks foreign keys when the statement
                // completes, after RETURNING has produced its row. ExecuteScalar stops at that row,
                // so an unknown series would silently roll back yet report a new id.
                var newId = await connection.QuerySingleAsync<long>(
                    """
                    INSERT INTO events (series_id, slug, title, description, scheduled_start_utc, status, live_video_id,
                                        replay_video_id, moderator_name, created_utc, updated_utc)
                    VALUES (@SeriesId, @slug, @Title, @Description, @Start, @status, @LiveVideo, @ReplayVideo, @ModeratorName, @now, @now)
                    RETURNING id
                    """,
                    new { args.SeriesId, args.slug, args.Title, args.Description, args.Start, status = requested.ToDb(), args.LiveVideo, args.ReplayVideo, args.ModeratorName, args.now });
                await SaveViewerSettingsAsync(connection, null, newId, args.PublicClock);
                return new EditResult(newId, errors);
            }
            catch (DbException ex) when (Database.IsConstraintViolation(ex))
            {
                return ConstraintError(ex, slug);
            }
        }

        return await EditEventAsync(eventId, async (connection, transaction, current) =>
        {
            if (!StatusChangeAllowed(current.Status, requested, out var why))
            {
                return EditResult.Invalid(nameof(EventInput.Status), why);
            }

            try
            {
                await connection.ExecuteAsync(
                    """
                    UPDATE events SET series_id = @SeriesId, slug = @slug, title = @Title, description = @Description,
                        scheduled_start_utc = @Start, status = @status, live_video_id = @LiveVideo,
                        replay_video_id = @ReplayVideo, moderator_name = @ModeratorName, updated_utc = @now
                    WHERE id = @eventId
                    """,
                    new { args.SeriesId, args.slug, args.Title, args.Description, args.Start, status = requested.ToDb(), args.LiveVideo, args.ReplayVideo, args.ModeratorName, args.now, eventId },
                    transaction);
                await SaveViewerSettingsAsync(connection, transaction, eventId, args.PublicClock);
            }
            catch (DbException ex) when (Database.IsConstraintViolation(ex))
            {
                return ConstraintError(ex, slug);
            }

            return new EditResult(eventId, errors);
        });
    }

    /// <summary>What the viewer page shows of the event (migration 0007): one row per event, written with the event.</summary>
    private static Task SaveViewerSettingsAsync(IDbConnection connection, IDbTransaction? transaction, long eventId, bool publicClock) =>
        connection.ExecuteAsync(
            """
            INSERT INTO event_viewer_settings (event_id, public_clock) VALUES (@eventId, @publicClock)
            ON CONFLICT (event_id) DO UPDATE SET public_clock = excluded.public_clock
            """,
            new { eventId, publicClock },
            transaction);

    public Task<EditResult> AddBlockAsync(long eventId, BlockInput input) =>
        SaveBlockAsync(eventId, null, input);

    public async Task<EditResult> UpdateBlockAsync(long blockId, BlockInput input)
    {
        var eventId = await EventOfBlockAsync(blockId);
        return eventId is null
            ? EditResult.Invalid("", "Diesen Block gibt es nicht (mehr).")
            : await SaveBlockAsync(eventId.Value, blockId, input);
    }

    public async Task<EditResult> DeleteBlockAsync(long blockId)
    {
        var eventId = await EventOfBlockAsync(blockId);
        if (eventId is null)
        {
            return EditResult.Invalid("", "Diesen Block gibt es nicht (mehr).");
        }

        return await EditEventAsync(eventId.Value, async (connection, transaction, current) =>
        {
            if (!StructureEditable(current.Status))
            {
                return EditResult.Invalid("", "Blöcke einer laufenden oder beendeten Veranstaltung können nicht mehr gelöscht werden: Die Uhr bezieht sich auf ihre Nummern.");
            }

            var position = await connection.ExecuteScalarAsync<int>("SELECT position FROM blocks WHERE id = @blockId", new { blockId }, transaction);
            await connection.ExecuteAsync("DELETE FROM blocks WHERE id = @blockId", new { blockId }, transaction);
            // Close the gap in two steps: SQLite checks UNIQUE(event_id, position) row by row.
            await connection.ExecuteAsync(
                "UPDATE blocks SET position = -position WHERE event_id = @eventId AND position > @position",
                new { eventId, position }, transaction);
            await connection.ExecuteAsync(
                "UPDATE blocks SET position = -position - 1 WHERE event_id = @eventId AND position < 0",
                new { eventId }, transaction);
            // Questions name their block by number (as viewers and moderators see it): questions asked
            // in advance for the deleted block become general ones, later blocks' move up with them.
            await connection.ExecuteAsync(
                """
                UPDATE questions SET block_number = CASE WHEN block_number = @position THEN NULL ELSE block_number - 1 END
                WHERE event_id = @eventId AND block_number >= @position
                """,
                new { eventId, position }, transaction);
            return new EditResult(blockId, new FieldErrors());
        });
    }

    /// <summary>Moves a block one place up (-1) or down (+1) in the agenda.</summary>
    public async Task<EditResult> MoveBlockAsync(long blockId, int direction)
    {
        var eventId = await EventOfBlockAsync(blockId);
        if (eventId is null || direction is not (-1 or 1))
        {
            return EditResult.Invalid("", "Diesen Block gibt es nicht (mehr).");
        }

        return await EditEventAsync(eventId.Value, async (connection, transaction, current) =>
        {
            if (!StructureEditable(current.Status))
            {
                return EditResult.Invalid("", "Die Reihenfolge einer laufenden oder beendeten Veranstaltung steht fest.");
            }

            var position = await connection.ExecuteScalarAsync<int>("SELECT position FROM blocks WHERE id = @blockId", new { blockId }, transaction);
            var target = position + direction;
            if (target < 1 || target > current.Blocks.Count)
            {
                return new EditResult(blockId, new FieldErrors());
            }

            await connection.ExecuteAsync("UPDATE blocks SET position = 0 WHERE id = @blockId", new { blockId }, transaction);
            await connection.ExecuteAsync(
                "UPDATE blocks SET position = @position WHERE event_id = @eventId AND position = @target",
                new { position, eventId, target }, transaction);
            await connection.ExecuteAsync("UPDATE blocks SET position = @target WHERE id = @blockId", new { target, blockId }, transaction);
            // Questions follow their block to its new number.
            await connection.ExecuteAsync(
                """
                UPDATE questions SET block_number = CASE WHEN block_number = @position THEN @target ELSE @position END
                WHERE event_id = @eventId AND block_number IN (@position, @target)
                """,
                new { eventId, position, target }, transaction);
            return new EditResult(blockId, new FieldErrors());
        });
    }

    private async Task<EditResult> SaveBlockAsync(long eventId, long? blockId, BlockInput input)
    {
        var errors = input.Validate();
        if (!errors.Ok)
        {
            return EditResult.Invalid(errors);
        }

        return await EditEventAsync(eventId, async (connection, transaction, current) =>
        {
            var args = new
            {
                eventId,
                Title = input.Title.Trim(),
                Description = input.Description.Trim(),
                input.PlannedMinutes,
                Video = EventInput.VideoIdOrNull(input.Video),
            };
            long id;
            if (blockId is long existing)
            {
                id = existing;
                await connection.ExecuteAsync(
                    "UPDATE blocks SET title = @Title, description = @Description, planned_minutes = @PlannedMinutes, video_id = @Video WHERE id = @existing",
                    new { args.Title, args.Description, args.PlannedMinutes, args.Video, existing },
                    transaction);
                await connection.ExecuteAsync("DELETE FROM speakers WHERE block_id = @existing", new { existing }, transaction);
            }
            else
            {
                if (current.Status == EventStatus.Ended || current.Status == EventStatus.Published)
                {
                    return EditResult.Invalid("", "Einer beendeten Veranstaltung können keine Blöcke mehr hinzugefügt werden.");
                }

                id = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO blocks (event_id, position, title, description, planned_minutes, video_id)
                    VALUES (@eventId, (SELECT COALESCE(MAX(position), 0) + 1 FROM blocks WHERE event_id = @eventId),
                            @Title, @Description, @PlannedMinutes, @Video)
                    RETURNING id
                    """,
                    args,
                    transaction);
            }

            var position = 0;
            foreach (var speaker in input.Speakers.Where(s => !s.IsEmpty))
            {
                await connection.ExecuteAsync(
                    "INSERT INTO speakers (block_id, position, name, role, organisation) VALUES (@id, @position, @Name, @Role, @Organisation)",
                    new { id, position = ++position, Name = speaker.Name.Trim(), Role = speaker.Role.Trim(), Organisation = speaker.Organisation.Trim() },
                    transaction);
            }

            return new EditResult(id, errors);
        });
    }

    /// <summary>
    /// Runs an edit of one event through <see cref="EventChanges"/> (its lock, one transaction); when the
    /// edit succeeds live clients get the new agenda and clock with the next sequence number, and when
    /// it is refused nothing of it is kept.
    /// </summary>
    private async Task<EditResult> EditEventAsync(long eventId, Func<IDbConnection, IDbTransaction, LiveEvent, Task<EditResult>> edit)
    {
        try
        {
            return await changes.RunAsync(eventId, async change =>
            {
                var current = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction)
                    ?? throw new EditRefused(EditResult.Invalid("", "Diese Veranstaltung gibt es nicht (mehr)."));
                var result = await edit(change.Connection, change.Transaction, current);
                if (!result.Ok)
                {
                    // Thrown, not returned, so that the transaction rolls back whatever the edit wrote.
                    throw new EditRefused(result);
                }

                var ev = await EventStore.LoadAsync(change.Connection, eventId, change.Transaction);
                var state = await ClockService.LoadStateAsync(change.Connection, change.Transaction, ev!);
                var message = new EventUpdated(eventId, 0, EventView.From(ev!), ClockView.From(state, change.Now));
                change.ToEveryone(ServerMessages.EventUpdated, seq => message with { Seq = seq });
                logger.LogInformation("Organiser edit of event {EventId}", eventId);
                return result;
            });
        }
        catch (EditRefused refused)
        {
            return refused.Result;
        }
    }

    private sealed class EditRefused(EditResult result) : Exception
    {
        public EditResult Result { get; } = result;
    }

    private async Task<long?> EventOfBlockAsync(long blockId)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long?>("SELECT event_id FROM blocks WHERE id = @blockId", new { blockId });
    }

    private static bool StructureEditable(EventStatus status) => status is EventStatus.Draft or EventStatus.Scheduled;

    /// <summary>Live and ended come from the clock; organisers plan; publishing goes through the transcript review.</summary>
    private static bool StatusChangeAllowed(EventStatus current, EventStatus requested, out string why)
    {
        why = "";
        if (current == requested)
        {
            return true;
        }

        var allowed = current switch
        {
            EventStatus.Draft or EventStatus.Scheduled => requested is EventStatus.Draft or EventStatus.Scheduled,
            _ => false,
        };
        if (!allowed && current is EventStatus.Ended or EventStatus.Published)
        {
            // Nothing is published unreviewed: publishing (and taking it back) is the privacy review's last step.
            why = "Veröffentlichen und Zurücknehmen geschieht nach der Datenschutz-Prüfung auf der Seite „Transkript prüfen und veröffentlichen“ dieser Veranstaltung.";
        }
        else if (!allowed)
        {
            why = current == EventStatus.Live
                ? "Die Veranstaltung läuft: Ihr Status ändert sich mit der Uhr (Veranstaltung beenden)."
                : $"Der Status „{current.German()}“ kann nicht auf „{requested.German()}“ gesetzt werden. „Live“ und „Beendet“ setzt die Uhr; veröffentlicht werden kann erst nach dem Ende.";
        }

        return allowed;
    }

    private static string EffectiveSlug(string? slug, string title) =>
        string.IsNullOrWhiteSpace(slug) ? Slugs.FromTitle(title) : slug.Trim();

    private static EditResult ConstraintError(DbException ex, string slug) =>
        Database.IsForeignKeyViolation(ex)
            ? EditResult.Invalid(nameof(EventInput.SeriesId), "Diese Reihe gibt es nicht (mehr).")
            : EditResult.Invalid(nameof(EventInput.Slug), $"Die Kurzadresse „{slug}“ ist bereits vergeben.");
}
