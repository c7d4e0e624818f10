using OzgLive.Web.Polls;

namespace OzgLive.Web.Live;

/// <summary>The hub's poll methods (docs/hub-protocol.md, "Polls"). Roles are checked by LiveHubFilter.</summary>
public sealed partial class LiveHub
{
    /// <summary>The viewer's first answer to an open poll; a second one is refused (already-answered).</summary>
    public Task<MyPollAnswer> AnswerPoll(long eventId, long pollId, PollAnswer? answer) =>
        polls.AnswerAsync(Caller(), eventId, pollId, answer, replace: false);

    /// <summary>Replaces the viewer's answer while the poll is open (or gives the first one).</summary>
    public Task<MyPollAnswer> ChangePollAnswer(long eventId, long pollId, PollAnswer? answer) =>
        polls.AnswerAsync(Caller(), eventId, pollId, answer, replace: true);

    // The moderators' poll actions carry the poll's version they saw, like question actions: an older one is refused as "stale".

    [RequiresEventRole(EventRole.Moderator)]
    public Task<PollView> OpenPoll(long eventId, long pollId, long pollVersion, int? limitSeconds) => polls.OpenAsync(eventId, pollId, pollVersion, limitSeconds);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<PollView> ClosePoll(long eventId, long pollId, long pollVersion) => polls.CloseAsync(eventId, pollId, pollVersion);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<PollView> RevealPollResults(long eventId, long pollId, long pollVersion, bool revealed) => polls.RevealAsync(eventId, pollId, pollVersion, revealed);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<PollView> HidePollWord(long eventId, long pollId, long pollVersion, string word, bool hidden) => polls.HideWordAsync(eventId, pollId, pollVersion, word, hidden);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<PollView> ModeratePollAnswer(long eventId, long answerId, bool approve) => polls.ModerateAnswerAsync(eventId, answerId, approve);
}
