using System.Security.Claims;
using OzgLive.Web.Clock;
using OzgLive.Web.Events;
using OzgLive.Web.Live;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Viewer;

/// <summary>
/// What the viewer page renders first: the same snapshot the hub would give this caller, read in one
/// transaction, so the server's HTML and the script's first snapshot describe one state with one seq.
/// </summary>
/// <param name="WholeList">Every public question was asked for (<c>?alle=1</c>), not only the snapshot's first page.</param>
public sealed record ViewerModel(EventSnapshot Snapshot, bool WholeList = false)
{
    /// <summary>The query parameter of the "more questions" link that works without JavaScript.</summary>
    public const string WholeListParameter = "alle";

    public EventView Event => Snapshot.Event;

    public ClockView Clock => Snapshot.Clock;

    public DateTimeOffset Now => Snapshot.Clock.ServerNow;

    /// <summary>
    /// The public list. Moderators and organisers who open the public page get their own snapshot
    /// (the whole queue): they see what the public sees.
    /// </summary>
    public IReadOnlyList<PublicQuestion> Questions =>
        Snapshot.PublicQuestions
        ?? Snapshot.Queue?.Where(q => q.Status.IsPublic()).Select(ToPublic).ToList()
        ?? [];

    /// <summary>The list leaves public questions out: the page offers "Weitere Fragen laden".</summary>
    public bool MoreQuestions => Snapshot.MorePublicQuestions;

    public string? VideoId => CurrentVideoId(Event, Clock);

    public AskAvailability Ask => AskAvailabilities.Of(Event, Clock, Snapshot.Questions);

    /// <summary>The running block's video if it has one, else the event's live video (wwwroot/js/event-live.js does the same).</summary>
    public static string? CurrentVideoId(EventView ev, ClockView clock)
    {
        if (clock.Phase == ClockPhase.Block && clock.CurrentBlock is int n && n >= 1 && n <= ev.Blocks.Count)
        {
            // BlockView.VideoId already falls back to the event's live video.
            return ev.Blocks[n - 1].VideoId ?? ev.LiveVideoId;
        }

        return ev.LiveVideoId;
    }

    /// <param name="wholeList">The value of <c>?alle=</c>: "1" shows every public question instead of the first page.</param>
    /// <returns>Null when there is no such event or the caller may not see it (a draft).</returns>
    public static async Task<ViewerModel?> LoadAsync(EventStore events, EventAccess access, SnapshotReader snapshots, string slug, ClaimsPrincipal? user, string? wholeList = null)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var ev = await events.FindBySlugAsync(slug);
        if (ev is null)
        {
            return null;
        }

        var role = await access.GetRoleAsync(user, ev.Id);
        // No viewer id: the server cannot know who this anonymous browser is; the script asks the
        // hub for the viewer's own questions and votes with the token it keeps.
        var whole = wholeList == "1";
        var snapshot = await snapshots.ReadAsync(ev.Id, role, viewerId: null, wholeList: whole);
        return snapshot is null ? null : new ViewerModel(snapshot, whole);
    }

    private static PublicQuestion ToPublic(ModeratorQuestion q) => new(
        q.Id, q.BlockNumber, q.Text, q.DisplayName, q.Organisation, q.Status, q.Votes, q.Pinned, q.ModeratorOrder,
        q.AnswerText, q.CreatedAt, q.StagedAt, q.AnsweredAt);
}
