using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Accounts;
using OzgLive.Web.Clock;
using OzgLive.Web.Live;
using OzgLive.Web.Polls;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Moderation;

/// <summary>Why an action was refused: the code (as the hub's errors have it) and the text to show at the action.</summary>
public sealed record Refusal(string Code, string Message)
{
    public bool IsStale => Code == "stale";
}

/// <summary>
/// Everything the console does, as the hub's methods do it: the same role check
/// (<see cref="EventAccess.RequireAsync"/>) and then the same service, with its version checks and
/// audit log. The only place the console calls the services, so a change of their signatures is
/// mended here. A refusal comes back as a <see cref="Refusal"/> (null: done), never as an exception.
/// </summary>
public sealed class ConsoleActions(EventAccess access, QuestionService questions, ClockService clock, PresenterKeys presenterKeys, Stage.StageQrSwitch stageQr, PollService polls, Channels.OverlaySwitches overlay)
{
    public Task<Refusal?> ApproveAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q) =>
        RunAsync(user, eventId, "ApproveQuestion", caller => questions.ApproveAsync(caller, eventId, q.Id, q.Version));

    public Task<Refusal?> RejectAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q, RejectReason reason) =>
        RunAsync(user, eventId, "RejectQuestion", caller => questions.RejectAsync(caller, eventId, q.Id, q.Version, reason));

    public Task<Refusal?> EditAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q, string text) =>
        RunAsync(user, eventId, "EditQuestion", caller => questions.EditAsync(caller, eventId, q.Id, q.Version, text));

    public Task<Refusal?> MergeAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion survivor, ModeratorQuestion duplicate) =>
        RunAsync(user, eventId, "MergeQuestions", caller => questions.MergeAsync(
            caller, eventId, new QuestionRef(survivor.Id, survivor.Version), new QuestionRef(duplicate.Id, duplicate.Version)));

    public Task<Refusal?> PinAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q, bool pinned) =>
        RunAsync(user, eventId, "PinQuestion", caller => questions.PinAsync(caller, eventId, q.Id, q.Version, pinned));

    public Task<Refusal?> MoveAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q, int? blockNumber) =>
        RunAsync(user, eventId, "MoveQuestion", caller => questions.MoveAsync(caller, eventId, q.Id, q.Version, blockNumber));

    public Task<Refusal?> StageAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q) =>
        RunAsync(user, eventId, "StageQuestion", caller => questions.StageAsync(caller, eventId, q.Id, q.Version));

    public Task<Refusal?> UnstageAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q) =>
        RunAsync(user, eventId, "UnstageQuestion", caller => questions.UnstageAsync(caller, eventId, q.Id, q.Version));

    public Task<Refusal?> MarkAnsweredAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q, string? answer) =>
        RunAsync(user, eventId, "MarkAnswered", caller => questions.MarkAnsweredAsync(caller, eventId, q.Id, q.Version, answer));

    public Task<Refusal?> ReopenAsync(ClaimsPrincipal user, long eventId, ModeratorQuestion q) =>
        RunAsync(user, eventId, "ReopenQuestion", caller => questions.ReopenAsync(caller, eventId, q.Id, q.Version));

    public Task<Refusal?> AddAsync(ClaimsPrincipal user, long eventId, string text, string? displayName, string? organisation, QuestionSource source, int? blockNumber) =>
        RunAsync(user, eventId, "AddQuestion", caller => questions.AddAsync(caller, eventId, text, displayName, organisation, source, blockNumber));

    public Task<Refusal?> SetAutoApproveAsync(ClaimsPrincipal user, long eventId, long settingsVersion, bool enabled) =>
        RunAsync(user, eventId, "SetAutoApprove", caller => questions.SetAutoApproveAsync(caller, eventId, settingsVersion, enabled));

    public Task<Refusal?> SetQuestionsStateAsync(ClaimsPrincipal user, long eventId, long settingsVersion, QuestionsState state, int? blockNumber) =>
        RunAsync(user, eventId, "SetQuestionsState", caller => questions.SetQuestionsStateAsync(caller, eventId, settingsVersion, state, blockNumber));

    /// <param name="minutes">How long the note stays; null: until the next block starts.</param>
    public Task<Refusal?> SendBackstageAsync(ClaimsPrincipal user, long eventId, string text, int? minutes = null) =>
        RunAsync(user, eventId, "SendBackstageMessage", caller => questions.SendBackstageAsync(caller, eventId, text, minutes));

    public Task<Refusal?> DismissBackstageAsync(ClaimsPrincipal user, long eventId, long messageId) =>
        RunAsync(user, eventId, "DismissBackstageMessage", caller => questions.DismissBackstageAsync(caller, eventId, messageId));

    /// <param name="blockNumber">For StartBlock.</param>
    /// <param name="minutes">For ExtendBlock; 1 or 0 for SetAutoAdvance.</param>
    /// <param name="clockVersion">The clock version the console showed: a command decided on an older clock is refused as stale (two moderators, one "next block").</param>
    /// <param name="scheduleDraft">StartEvent on a draft: schedule and start it in one step (the moderator confirmed).</param>
    public Task<Refusal?> ClockAsync(ClaimsPrincipal user, long eventId, ClockCommandKind command, long clockVersion, int? blockNumber = null, int? minutes = null, bool scheduleDraft = false) =>
        RunAsync(user, eventId, command.ToString(), caller => clock.ExecuteAsync(eventId, command, blockNumber, minutes, caller.Actor, clockVersion, scheduleDraft));

    public Task<Refusal?> ShowStageQrAsync(ClaimsPrincipal user, long eventId, bool show) =>
        RunAsync(user, eventId, "ShowStageQr", _ => stageQr.SetAsync(eventId, show));

    public Task<Refusal?> ShowOverlayPartAsync(ClaimsPrincipal user, long eventId, Channels.OverlayPart part, bool show) =>
        RunAsync(user, eventId, "ShowOverlayPart", _ => overlay.SetAsync(eventId, part, show));

    public Task<Refusal?> RenewPresenterKeyAsync(ClaimsPrincipal user, long eventId) =>
        RunAsync(user, eventId, "RegeneratePresenterKey", caller => presenterKeys.RegenerateAsync(eventId, caller.Actor), EventRole.Organiser);

    public Task<Refusal?> RevokePresenterKeyAsync(ClaimsPrincipal user, long eventId) =>
        RunAsync(user, eventId, "RevokePresenterKey", caller => presenterKeys.RevokeAsync(eventId, caller.Actor), EventRole.Organiser);

    /// <param name="limitMinutes">Closes the poll by itself after so many minutes; null: until closed.</param>
    // Poll actions take the poll as the console shows it: its version makes a decision on an older copy "stale".

    public Task<Refusal?> OpenPollAsync(ClaimsPrincipal user, long eventId, PollView poll, int? limitMinutes) =>
        RunAsync(user, eventId, "OpenPoll", _ => polls.OpenAsync(eventId, poll.Id, poll.Version, limitMinutes * 60));

    public Task<Refusal?> ClosePollAsync(ClaimsPrincipal user, long eventId, PollView poll) =>
        RunAsync(user, eventId, "ClosePoll", _ => polls.CloseAsync(eventId, poll.Id, poll.Version));

    public Task<Refusal?> RevealPollAsync(ClaimsPrincipal user, long eventId, PollView poll, bool revealed) =>
        RunAsync(user, eventId, "RevealPollResults", _ => polls.RevealAsync(eventId, poll.Id, poll.Version, revealed));

    public Task<Refusal?> HidePollWordAsync(ClaimsPrincipal user, long eventId, PollView poll, string word, bool hidden) =>
        RunAsync(user, eventId, "HidePollWord", _ => polls.HideWordAsync(eventId, poll.Id, poll.Version, word, hidden));

    public Task<Refusal?> ModeratePollAnswerAsync(ClaimsPrincipal user, long eventId, long answerId, bool approve) =>
        RunAsync(user, eventId, "ModeratePollAnswer", _ => polls.ModerateAnswerAsync(eventId, answerId, approve));

    private async Task<Refusal?> RunAsync(ClaimsPrincipal user, long eventId, string action, Func<Caller, Task> work, EventRole required = EventRole.Moderator)
    {
        try
        {
            await access.RequireAsync(user, eventId, required, action);
            // No viewer id and no address: a console is a signed-in account, named in the audit log.
            await work(new Caller(null, "console", AccountClaims.Actor(user)));
            return null;
        }
        catch (EventAccessDeniedException ex)
        {
            return new Refusal(EventAccessDeniedException.Code, ex.Message);
        }
        catch (QuestionException ex)
        {
            return new Refusal(ex.Code, ex.Message);
        }
        catch (ClockCommandException ex)
        {
            return new Refusal(ex.Code, ex.Message);
        }
        catch (PollException ex)
        {
            return new Refusal(ex.Code, ex.Message);
        }
        catch (ScaleOut.ScaleOutUnavailableException ex)
        {
            // This node lost Redis: nothing was stored; the moderator may try again.
            return new Refusal(ScaleOut.ScaleOutUnavailableException.Code, ex.Message);
        }
        catch (HubException ex)
        {
            // PresenterKeys speaks the hub's language ("code: text").
            var parts = ex.Message.Split(": ", 2);
            return parts.Length == 2 ? new Refusal(parts[0], parts[1]) : new Refusal("failed", ex.Message);
        }
    }
}

public static class ModerationExtensions
{
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConsoleActions>();
        builder.Services.AddSingleton<Stage.StageQrSwitch>();
        // One per circuit: the texts a moderator is writing.
        builder.Services.AddScoped<ConsoleDrafts>();
        return builder;
    }
}
