using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using OzgLive.Web.Accounts;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

/// <summary>The hub's question methods (docs/hub-protocol.md, "Questions"). Roles are checked by LiveHubFilter.</summary>
public sealed partial class LiveHub
{
    /// <summary>
    /// Proves who this anonymous viewer is for the rest of the connection: with the token from an
    /// earlier visit the same viewer id, otherwise a new one. Call before JoinEvent.
    /// </summary>
    public async Task<ViewerTicket> IdentifyViewer(string? token)
    {
        var known = viewers.Verify(token);
        var ticket = known is null ? await viewers.IssueAsync(Address()) : (ViewerId: known, Token: token!);
        viewerConnections.Identify(Context.ConnectionId, ticket.ViewerId);
        return new ViewerTicket(ticket.ViewerId, ticket.Token);
    }

    public Task<OwnQuestion> AskQuestion(long eventId, AskQuestionRequest? request)
    {
        // A missing object would otherwise surface as an uncoded framework error.
        if (request is null)
        {
            throw HubError.InvalidArgument("Bitte die Frage als Objekt {clientId, text, displayName, organisation, blockNumber} senden.");
        }

        return questions.AskAsync(Caller(), eventId, request.ClientId, request.Text, request.DisplayName, request.Organisation, request.BlockNumber, request.Channel);
    }

    public Task<OwnQuestion> WithdrawQuestion(long eventId, long questionId) =>
        questions.WithdrawAsync(Caller(), eventId, questionId);

    public Task<VoteResult> Vote(long eventId, long questionId, bool up) =>
        questions.VoteAsync(Caller(), eventId, questionId, up);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> ApproveQuestion(long eventId, long questionId, long version) =>
        questions.ApproveAsync(Caller(), eventId, questionId, version);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<BulkApproveResult> BulkApprove(long eventId, QuestionRef[]? questionRefs) =>
        questions.BulkApproveAsync(Caller(), eventId, questionRefs);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> RejectQuestion(long eventId, long questionId, long version, RejectReason reason) =>
        questions.RejectAsync(Caller(), eventId, questionId, version, reason);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> EditQuestion(long eventId, long questionId, long version, string text) =>
        questions.EditAsync(Caller(), eventId, questionId, version, text);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> MergeQuestions(long eventId, long survivorId, long survivorVersion, long duplicateId, long duplicateVersion) =>
        questions.MergeAsync(Caller(), eventId, new QuestionRef(survivorId, survivorVersion), new QuestionRef(duplicateId, duplicateVersion));

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> PinQuestion(long eventId, long questionId, long version, bool pinned) =>
        questions.PinAsync(Caller(), eventId, questionId, version, pinned);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> MoveQuestion(long eventId, long questionId, long version, int? blockNumber) =>
        questions.MoveAsync(Caller(), eventId, questionId, version, blockNumber);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> StageQuestion(long eventId, long questionId, long version) =>
        questions.StageAsync(Caller(), eventId, questionId, version);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> UnstageQuestion(long eventId, long questionId, long version) =>
        questions.UnstageAsync(Caller(), eventId, questionId, version);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> MarkAnswered(long eventId, long questionId, long version, string? answer) =>
        questions.MarkAnsweredAsync(Caller(), eventId, questionId, version, answer);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> ReopenQuestion(long eventId, long questionId, long version) =>
        questions.ReopenAsync(Caller(), eventId, questionId, version);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<ModeratorQuestion> AddQuestion(long eventId, AddQuestionRequest? request)
    {
        if (request is null)
        {
            throw HubError.InvalidArgument("Bitte die Frage als Objekt {text, displayName, organisation, source, blockNumber} senden.");
        }

        return questions.AddAsync(Caller(), eventId, request.Text, request.DisplayName, request.Organisation, request.Source, request.BlockNumber);
    }

    [RequiresEventRole(EventRole.Moderator)]
    public Task<QuestionSettings> SetAutoApprove(long eventId, long settingsVersion, bool enabled) =>
        questions.SetAutoApproveAsync(Caller(), eventId, settingsVersion, enabled);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<QuestionSettings> SetQuestionsState(long eventId, long settingsVersion, QuestionsState state, int? blockNumber) =>
        questions.SetQuestionsStateAsync(Caller(), eventId, settingsVersion, state, blockNumber);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<IReadOnlyList<BackstageMessage>> SendBackstageMessage(long eventId, string text) =>
        questions.SendBackstageAsync(Caller(), eventId, text);

    /// <summary>A note that stays <paramref name="minutes"/> minutes instead of until the next block.</summary>
    [RequiresEventRole(EventRole.Moderator)]
    public Task<IReadOnlyList<BackstageMessage>> SendBackstageMessageFor(long eventId, string text, int minutes) =>
        questions.SendBackstageAsync(Caller(), eventId, text, minutes);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<IReadOnlyList<BackstageMessage>> DismissBackstageMessage(long eventId, long messageId) =>
        questions.DismissBackstageAsync(Caller(), eventId, messageId);

    [RequiresEventRole(EventRole.Moderator)]
    public Task<IReadOnlyList<AuditEntry>> GetAuditLog(long eventId) => questionStore.AuditAsync(eventId);

    private Caller Caller()
    {
        var viewerId = ViewerId();
        var address = Address();
        var actor = AccountClaims.AccountId(Context.User) is not null
            ? AccountClaims.Actor(Context.User)
            : viewerId is null ? "anonymous" : $"viewer:{viewerId}";
        return new Caller(viewerId, address, actor);
    }

    private string Address() => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <param name="ClientId">Chosen by the client (1–64 of A–Z a–z 0–9 - _), the same on every retry.</param>
/// <param name="BlockNumber">The block the question is for; null: the running block, if any.</param>
/// <param name="Channel">Optional: "embed:{partner origin}" (or "embed") when asked in the embed; believed only for the event's listed partners.</param>
public sealed record AskQuestionRequest(string ClientId, string Text, string? DisplayName, string? Organisation, int? BlockNumber, string? Channel = null);

public sealed record AddQuestionRequest(string Text, string? DisplayName, string? Organisation, QuestionSource Source, int? BlockNumber);
