using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OzgLive.Web.Events;

/// <summary>Field errors keyed by the input's property path ("Title", "Speakers[1].Name").</summary>
public sealed class FieldErrors : Dictionary<string, string>
{
    public FieldErrors()
        : base(StringComparer.Ordinal)
    {
    }

    public bool Ok => Count == 0;

    public void Require(string field, string? value, string label, int min, int max)
    {
        var length = value?.Trim().Length ?? 0;
        if (length == 0 && min > 0)
        {
            TryAdd(field, $"Bitte {label} angeben.");
        }
        else if (length < min)
        {
            TryAdd(field, $"{Capitalise(label)} muss mindestens {min} Zeichen lang sein.");
        }
        else if (length > max)
        {
            TryAdd(field, $"{Capitalise(label)} darf höchstens {max} Zeichen lang sein (jetzt {length}).");
        }
    }

    private static string Capitalise(string label)
    {
        // "einen Titel" -> "Der Titel": labels are written with their accusative article for "Bitte … angeben".
        var words = label.Split(' ', 2);
        var noun = words.Length == 2 ? words[1] : label;
        // Weak nouns take an -n in the accusative ("einen Namen"), not in the nominative ("Der Name").
        noun = noun switch
        {
            "Namen" => "Name",
            _ => noun,
        };
        var article = words[0] switch
        {
            "einen" => "Der",
            "eine" => "Die",
            "ein" => "Das",
            _ => null,
        };
        return article is null ? char.ToUpper(label[0], CultureInfo.InvariantCulture) + label[1..] : $"{article} {noun}";
    }
}

public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    public const int MaxLength = 80;

    public static bool IsValid(string? slug) => slug is { Length: >= 3 and <= MaxLength } && Pattern().IsMatch(slug);

    /// <summary>"Spot on OZG: Hessen – Förderung" becomes "spot-on-ozg-hessen-foerderung".</summary>
    public static string FromTitle(string title)
    {
        var text = title.Trim().ToLowerInvariant()
            .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > MaxLength ? slug[..MaxLength].Trim('-') : slug;
    }
}

public sealed class SeriesInput
{
    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public string Description { get; set; } = "";

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Require(nameof(Title), Title, "einen Titel", 3, 200);
        ValidateSlug(errors, Slug, Title);
        errors.Require(nameof(Description), Description, "eine Beschreibung", 0, 4000);
        return errors;
    }

    internal static void ValidateSlug(FieldErrors errors, string? slug, string? title)
    {
        if (!string.IsNullOrWhiteSpace(slug))
        {
            if (!Slugs.IsValid(slug.Trim()))
            {
                errors.TryAdd("Slug", "Die Kurzadresse darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten (3 bis 80 Zeichen).");
            }
        }
        else if (!string.IsNullOrWhiteSpace(title) && !Slugs.IsValid(Slugs.FromTitle(title)))
        {
            errors.TryAdd("Slug", "Aus dem Titel lässt sich keine Kurzadresse bilden: Bitte eine angeben (a–z, 0–9, Bindestriche).");
        }
    }
}

public sealed class EventInput
{
    public long SeriesId { get; set; }

    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Wall-clock time in Europe/Berlin, as the organiser types it.</summary>
    public DateTime? StartBerlin { get; set; }

    public string Status { get; set; } = "draft";

    public string? LiveVideo { get; set; }

    public string? ReplayVideo { get; set; }

    public string ModeratorName { get; set; } = "";

    /// <summary>Viewers see the remaining time of the running block (<see cref="LiveEvent.PublicClock"/>).</summary>
    public bool PublicClock { get; set; }

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (SeriesId <= 0)
        {
            errors.Add(nameof(SeriesId), "Bitte eine Reihe wählen.");
        }

        errors.Require(nameof(Title), Title, "einen Titel", 3, 200);
        SeriesInput.ValidateSlug(errors, Slug, Title);
        errors.Require(nameof(Description), Description, "eine Beschreibung", 0, 4000);
        if (StartBerlin is null)
        {
            errors.Add(nameof(StartBerlin), "Bitte Datum und Uhrzeit des Beginns angeben.");
        }

        if (!Enum.TryParse<EventStatus>(Status, ignoreCase: true, out _))
        {
            errors.Add(nameof(Status), "Bitte einen gültigen Status wählen.");
        }

        ValidateVideo(errors, nameof(LiveVideo), LiveVideo, "Live-Video");
        ValidateVideo(errors, nameof(ReplayVideo), ReplayVideo, "Aufzeichnung");
        errors.Require(nameof(ModeratorName), ModeratorName, "eine Moderation", 0, 120);
        return errors;
    }

    internal static void ValidateVideo(FieldErrors errors, string field, string? value, string label)
    {
        if (!string.IsNullOrWhiteSpace(value) && !YouTubeVideoId.TryParse(value, out _))
        {
            errors.TryAdd(field, $"{label}: Bitte eine YouTube-Adresse (watch, youtu.be, live, embed, shorts) oder eine 11-stellige Video-ID angeben.");
        }
    }

    internal static string? VideoIdOrNull(string? value) =>
        YouTubeVideoId.TryParse(value, out var id) ? id : null;
}

public sealed class BlockInput
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 120;
    public const int SpeakerRows = 4;

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public int? PlannedMinutes { get; set; } = 30;

    public string? Video { get; set; }

    public List<SpeakerInput> Speakers { get; set; } = [];

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Require(nameof(Title), Title, "einen Titel", 3, 200);
        errors.Require(nameof(Description), Description, "eine Beschreibung", 0, 4000);
        if (PlannedMinutes is not (>= MinMinutes and <= MaxMinutes))
        {
            errors.Add(nameof(PlannedMinutes), $"Die geplante Dauer muss zwischen {MinMinutes} und {MaxMinutes} Minuten liegen.");
        }

        EventInput.ValidateVideo(errors, nameof(Video), Video, "Video");
        for (var i = 0; i < Speakers.Count; i++)
        {
            var speaker = Speakers[i];
            if (speaker.IsEmpty)
            {
                continue;
            }

            errors.Require($"Speakers[{i}].Name", speaker.Name, "einen Namen", 2, 120);
            errors.Require($"Speakers[{i}].Role", speaker.Role, "eine Funktion", 0, 200);
            errors.Require($"Speakers[{i}].Organisation", speaker.Organisation, "eine Organisation", 0, 200);
        }

        return errors;
    }
}

public sealed class SpeakerInput
{
    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public string Organisation { get; set; } = "";

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Organisation);
}
