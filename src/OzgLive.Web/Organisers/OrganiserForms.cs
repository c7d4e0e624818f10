using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using OzgLive.Web.Events;

namespace OzgLive.Web.Organisers;

// What the organiser pages' forms post. Every field is text: a number or date that does not parse
// then becomes our own German message on that field instead of a form-binding error (which would
// be English and leave the old value in place). The property names match EventInputs, so the
// FieldErrors keys from validation name these fields directly.

public sealed class SeriesForm
{
    public static readonly IReadOnlyList<string> FieldOrder = ["Title", "Slug", "Description"];

    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Description { get; set; }

    public static SeriesForm From(Series series) => new() { Title = series.Title, Slug = series.Slug, Description = series.Description };

    public SeriesInput ToInput() => new() { Title = Title ?? "", Slug = Slug ?? "", Description = Description ?? "" };
}

public sealed class EventForm
{
    public const string DateTimeLocalFormat = "yyyy-MM-dd'T'HH:mm";

    public static readonly IReadOnlyList<string> FieldOrder =
        ["SeriesId", "Title", "Slug", "Description", "StartBerlin", "Status", "LiveVideo", "ReplayVideo", "ModeratorName"];

    private static readonly string[] DateTimeLocalFormats = [DateTimeLocalFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"];

    public string? SeriesId { get; set; }

    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Description { get; set; }

    /// <summary>As &lt;input type="datetime-local"&gt; sends it: "2026-03-31T10:00", Berlin wall-clock time.</summary>
    public string? StartBerlin { get; set; }

    public string? Status { get; set; }

    public string? LiveVideo { get; set; }

    public string? ReplayVideo { get; set; }

    public string? ModeratorName { get; set; }

    public bool PublicClock { get; set; }

    public static EventForm From(LiveEvent ev) => new()
    {
        SeriesId = ev.SeriesId.ToString(CultureInfo.InvariantCulture),
        Title = ev.Title,
        Slug = ev.Slug,
        Description = ev.Description,
        StartBerlin = BerlinTime.ToBerlin(ev.ScheduledStart).ToString(DateTimeLocalFormat, CultureInfo.InvariantCulture),
        Status = ev.Status.ToDb(),
        LiveVideo = ev.LiveVideoId,
        ReplayVideo = ev.ReplayVideoId,
        ModeratorName = ev.ModeratorName,
        PublicClock = ev.PublicClock,
    };

    /// <summary>The input for <see cref="EventEditor"/> and any errors found while reading the text fields.</summary>
    public (EventInput Input, FieldErrors Errors) ToInput()
    {
        var errors = new FieldErrors();
        DateTime? start = null;
        if (!string.IsNullOrWhiteSpace(StartBerlin))
        {
            if (DateTime.TryParseExact(StartBerlin.Trim(), DateTimeLocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                // Far-off years are typos, and year 1 in Berlin would not even fit into UTC.
                if (parsed.Year is >= 2000 and <= 2100)
                {
                    start = parsed;
                }
                else
                {
                    errors.Add(nameof(StartBerlin), "Bitte einen Beginn zwischen den Jahren 2000 und 2100 angeben.");
                }
            }
            else
            {
                errors.Add(nameof(StartBerlin), "Bitte Datum und Uhrzeit des Beginns vollständig angeben (Tag, Monat, Jahr, Stunde, Minute).");
            }
        }

        var input = new EventInput
        {
            SeriesId = long.TryParse(SeriesId, NumberStyles.None, CultureInfo.InvariantCulture, out var seriesId) ? seriesId : 0,
            Title = Title ?? "",
            Slug = Slug ?? "",
            Description = Description ?? "",
            StartBerlin = start,
            Status = Status ?? "",
            LiveVideo = LiveVideo,
            ReplayVideo = ReplayVideo,
            ModeratorName = ModeratorName ?? "",
            PublicClock = PublicClock,
        };
        foreach (var (field, message) in input.Validate())
        {
            errors.TryAdd(field, message);
        }

        return (input, errors);
    }

    /// <summary>
    /// The statuses an organiser may pick, as <see cref="EventEditor"/> allows them: live and ended
    /// come from the clock, and publishing is done by the transcript review.
    /// </summary>
    public static IReadOnlyList<EventStatus> AllowedStatuses(EventStatus? current) => current switch
    {
        null or EventStatus.Draft or EventStatus.Scheduled => [EventStatus.Draft, EventStatus.Scheduled],
        EventStatus.Live => [EventStatus.Live],
        // Publishing happens on the transcript review page, after the privacy review.
        EventStatus.Ended => [EventStatus.Ended],
        _ => [EventStatus.Published],
    };
}

public sealed class BlockForm
{
    public static readonly IReadOnlyList<string> FieldOrder = ["Title", "Description", "PlannedMinutes", "Video", "Speakers"];

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? PlannedMinutes { get; set; }

    public string? Video { get; set; }

    public List<SpeakerForm> Speakers { get; set; } = [];

    public static BlockForm New() => new() { PlannedMinutes = "30" };

    public static BlockForm From(TopicBlock block) => new()
    {
        Title = block.Title,
        Description = block.Description,
        PlannedMinutes = block.PlannedMinutes.ToString(CultureInfo.InvariantCulture),
        Video = block.VideoId,
        Speakers = block.Speakers.Select(s => new SpeakerForm { Name = s.Name, Role = s.Role, Organisation = s.Organisation }).ToList(),
    };

    /// <summary>Fills up to the form's empty speaker rows; a block with more speakers keeps them all.</summary>
    public void PadSpeakerRows()
    {
        while (Speakers.Count < BlockInput.SpeakerRows)
        {
            Speakers.Add(new SpeakerForm());
        }
    }

    public BlockInput ToInput() => new()
    {
        Title = Title ?? "",
        Description = Description ?? "",
        PlannedMinutes = int.TryParse(PlannedMinutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : null,
        Video = Video,
        // Rows keep their places (empty ones too), so "Speakers[2].Name" still names the third row.
        Speakers = Speakers.Select(s => new SpeakerInput { Name = s.Name ?? "", Role = s.Role ?? "", Organisation = s.Organisation ?? "" }).ToList(),
    };
}

public sealed class SpeakerForm
{
    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Organisation { get; set; }
}

/// <summary>A new moderator account, created from an event's page and assigned to that event.</summary>
public sealed partial class ModeratorAccountForm
{
    public const int MinPasswordLength = 12;

    public const int MaxPasswordLength = 200;

    public const int MinNameLength = 2;

    public const int MaxNameLength = 120;

    public static readonly IReadOnlyList<string> FieldOrder = ["Email", "DisplayName", "Password"];

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    /// <summary>Checks the new account's fields; the messages are in the page's language.</summary>
    public FieldErrors Validate(IStringLocalizer<OrganiserTexts> texts)
    {
        var errors = new FieldErrors();
        var email = Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            errors.Add(nameof(Email), texts["Moderator_EmailMissing"]);
        }
        else if (email.Length > 200 || !EmailShape().IsMatch(email))
        {
            errors.Add(nameof(Email), texts["Moderator_EmailInvalid"]);
        }

        var name = DisplayName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(nameof(DisplayName), texts["Moderator_NameMissing"]);
        }
        else if (name.Length < MinNameLength)
        {
            errors.Add(nameof(DisplayName), texts["Moderator_NameTooShort", MinNameLength]);
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(nameof(DisplayName), texts["Moderator_NameTooLong", MaxNameLength, name.Length]);
        }

        var password = Password ?? "";
        if (password.Length < MinPasswordLength)
        {
            errors.Add(nameof(Password), texts["Moderator_PasswordTooShort", MinPasswordLength]);
        }
        else if (password.Length > MaxPasswordLength)
        {
            errors.Add(nameof(Password), texts["Moderator_PasswordTooLong", MaxPasswordLength]);
        }

        return errors;
    }

    // Deliberately loose: one @, something before it, a dot after it, no spaces. The real check is
    // that the moderator can sign in with it.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}

/// <summary>The select that assigns an existing moderator account to an event.</summary>
public sealed class AssignModeratorForm
{
    public string? AccountId { get; set; }
}

/// <summary>A button among many in one form: its value says what to do ("up:12", "StartBlock:2").</summary>
public sealed class CommandForm
{
    public string? Command { get; set; }

    public static (string Verb, long? Argument) Parse(string? command)
    {
        var parts = (command ?? "").Split(':', 2);
        long? argument = parts.Length == 2 && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
        return (parts[0], argument);
    }
}
