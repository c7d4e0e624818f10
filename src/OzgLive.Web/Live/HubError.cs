using Microsoft.AspNetCore.SignalR;

namespace OzgLive.Web.Live;

/// <summary>
/// Errors a client may see. The message is "code: German text"; clients branch on the code and may
/// translate it, and show the text as it is otherwise (docs/hub-protocol.md lists the codes).
/// </summary>
public static class HubError
{
    public static HubException Create(string code, string message) => new($"{code}: {message}");

    public static HubException EventNotFound() =>
        Create("event-not-found", "Diese Veranstaltung gibt es nicht.");

    /// <param name="required">The role the method needs, so the text names who may do it.</param>
    public static HubException Forbidden(EventRole required = EventRole.Moderator) =>
        Create(EventAccessDeniedException.Code, new EventAccessDeniedException(required).Message);

    public static HubException InvalidArgument(string message) => Create("invalid-argument", message);

    /// <summary>The database cannot be reached: nothing was stored, the same call may be made again later.</summary>
    public static HubException StorageUnavailable() =>
        Create("storage-unavailable", "Gerade kann nichts gespeichert werden. Bitte versuchen Sie es gleich noch einmal.");
}
