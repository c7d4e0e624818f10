using System.Security.Claims;
using OzgLive.Web.Events;
using OzgLive.Web.Live;

namespace OzgLive.Web.Replay;

/// <summary>An ended event's replay as one caller may see it.</summary>
/// <param name="Preview">True when the event is not published yet and the caller is its organiser or
/// moderator: pages say so prominently, and nothing of it is cached or indexed.</param>
public sealed record ReplayModel(LiveEvent Event, ReplaySettings Settings, Transcript Transcript, bool Preview)
{
    /// <summary>What the public sees: hidden questions left out (names removed in review are already gone).</summary>
    public IReadOnlyList<TranscriptQuestion> Questions { get; } = Transcript.Visible.ToList();

    public int RecordingPosition(int streamSeconds) => RecordingTime.Position(streamSeconds, Settings.OffsetSeconds);
}

/// <summary>
/// The one place that decides who sees a replay (page, print view, exports): everybody once the event
/// is published; before that only its organisers and assigned moderators, as a preview; nobody else
/// learns that it exists.
/// </summary>
public sealed class ReplayReader(EventStore events, TranscriptStore transcripts, EventAccess access)
{
    public async Task<ReplayModel?> ReadAsync(string slug, ClaimsPrincipal? user)
    {
        var ev = await events.FindBySlugAsync(slug);
        if (ev is null || ev.Status is not (EventStatus.Ended or EventStatus.Published))
        {
            return null;
        }

        var preview = ev.Status != EventStatus.Published;
        if (preview && await access.GetRoleAsync(user, ev.Id) is not (EventRole.Organiser or EventRole.Moderator))
        {
            return null;
        }

        var (transcript, settings) = await transcripts.LoadWithSettingsAsync(ev.Id);
        return transcript is null || settings is null ? null : new ReplayModel(ev, settings, transcript, preview);
    }
}
