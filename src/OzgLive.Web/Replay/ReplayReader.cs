using System.Security.Claims;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Polls;

namespace OzgLive.Web.Replay;

/// <summary>An ended event's replay as one caller may see it.</summary>
/// <param name="Preview">True when the event is not published yet and the caller is its organiser or
/// moderator: pages say so prominently, and nothing of it is cached or indexed.</param>
/// <param name="Polls">The polls that were opened during the event, with their results as the public sees them (no moderators' parts).</param>
public sealed record ReplayModel(LiveEvent Event, ReplaySettings Settings, Transcript Transcript, bool Preview, IReadOnlyList<PollView>? Polls = null)
{
    /// <summary>The event's polls by block, for the "Umfragen" sections; empty when there were none.</summary>
    public IReadOnlyList<PollView> PublicPolls => Polls ?? [];

    /// <summary>What the public sees: hidden questions left out (names removed in review are already gone).</summary>
    public IReadOnlyList<TranscriptQuestion> Questions { get; } = Transcript.Visible.ToList();

    /// <summary>The blocks' titles by number, for the polls' block headings.</summary>
    public IReadOnlyDictionary<int, string> BlockTitles() => Event.Blocks.ToDictionary(b => b.Number, b => b.Title);

    public int RecordingPosition(int streamSeconds) => RecordingTime.Position(streamSeconds, Settings.OffsetSeconds);
}

/// <summary>
/// The one place that decides who sees a replay (page, print view, exports): everybody once the event
/// is published; before that only its organisers and assigned moderators, as a preview; nobody else
/// learns that it exists.
/// </summary>
public sealed class ReplayReader(EventStore events, TranscriptStore transcripts, EventAccess access, PollStore polls)
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
        if (transcript is null || settings is null)
        {
            return null;
        }

        // After the event the results belong to the transcript, revealed during it or not; polls never
        // opened are left out, and so are answers a moderator did not approve and hidden words.
        var opened = (await polls.ListWithResultsAsync(ev.Id))
            .Where(p => p.Poll.State != PollState.Prepared)
            .Select(p => PollView.From(p.Poll, p.Results.ForAudience()))
            .ToList();
        return new ReplayModel(ev, settings, transcript, preview, opened);
    }
}
