namespace OzgLive.Web.Replay.Review;

// What the review page's forms post. Every field is text, so a value that does not parse becomes
// our own message on that field instead of a binding error.

public sealed class ReplaySettingsForm
{
    public static readonly IReadOnlyList<string> FieldOrder = ["ReplayVideo", "Offset", "RetentionDays"];

    public string? ReplayVideo { get; set; }

    public string? Offset { get; set; }

    public string? RetentionDays { get; set; }

    public static ReplaySettingsForm From(ReplaySettings settings) => new()
    {
        ReplayVideo = settings.ReplayVideoId,
        Offset = TranscriptReview.FormatOffset(settings.OffsetSeconds),
        RetentionDays = settings.RetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public ReplaySettingsInput ToInput() => new(ReplayVideo, Offset, RetentionDays);
}

public sealed class PublishForm
{
    public string? Command { get; set; }

    /// <summary>"on" when the organiser ticked that the marked passages may be published.</summary>
    public string? ConfirmFlags { get; set; }
}

/// <summary>The transcript's one form: the button pressed ("hide:12:3" = action, row id, row version) and every row's text box.</summary>
public sealed class ReviewForm
{
    public string? Command { get; set; }

    public List<ReviewItem> Items { get; set; } = [];

    public static (string Verb, long RowId, long Version)? Parse(string? command)
    {
        var parts = (command ?? "").Split(':');
        return parts.Length == 3
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            && parts[0] is "hide" or "show" or "remove-name" or "edit"
            ? (parts[0], id, version)
            : null;
    }
}

public sealed class ReviewItem
{
    public string? Id { get; set; }

    public string? Text { get; set; }
}

/// <summary>The speaker link's form: "renew" (also makes the first link) or "revoke".</summary>
public sealed class SpeakerLinkForm
{
    public string? Command { get; set; }
}
