namespace OzgLive.Web.Events;

public enum EventStatus
{
    Draft,
    Scheduled,
    Live,
    Ended,
    Published,
}

public static class EventStatusText
{
    public static string ToDb(this EventStatus status) => status.ToString().ToLowerInvariant();

    public static EventStatus Parse(string value) =>
        Enum.TryParse<EventStatus>(value, ignoreCase: true, out var status)
            ? status
            : throw new InvalidOperationException($"Unknown event status '{value}' in the database.");

    public static string German(this EventStatus status) => status switch
    {
        EventStatus.Draft => "Entwurf",
        EventStatus.Scheduled => "Geplant",
        EventStatus.Live => "Live",
        EventStatus.Ended => "Beendet",
        EventStatus.Published => "Veröffentlicht",
        _ => status.ToString(),
    };

    /// <summary>Drafts are the organisers' own: the public never sees them.</summary>
    public static bool IsPublic(this EventStatus status) => status != EventStatus.Draft;
}

public sealed record Series(long Id, string Slug, string Title, string Description);

public sealed record EventSummary(
    long Id,
    long SeriesId,
    string Slug,
    string Title,
    DateTimeOffset ScheduledStart,
    EventStatus Status);

public sealed record LiveEvent(
    long Id,
    long SeriesId,
    string SeriesTitle,
    string Slug,
    string Title,
    string Description,
    DateTimeOffset ScheduledStart,
    EventStatus Status,
    string? LiveVideoId,
    string? ReplayVideoId,
    string ModeratorName,
    bool AutoAdvance,
    long Seq,
    IReadOnlyList<TopicBlock> Blocks)
{
    public TimeSpan PlannedDuration => TimeSpan.FromMinutes(Blocks.Sum(b => b.PlannedMinutes));

    /// <summary>The organiser's choice: viewers see the running block's remaining time (never overtime). Off by default:
    /// the anchors keep their timers backstage.</summary>
    public bool PublicClock { get; init; }
}

public sealed record TopicBlock(
    long Id,
    int Number,
    string Title,
    string Description,
    int PlannedMinutes,
    string? VideoId,
    IReadOnlyList<Speaker> Speakers);

public sealed record Speaker(string Name, string Role, string Organisation);
