namespace OzgLive.Web.Live;

/// <summary>What a caller may do in one event, from least to most. Resolved on the server only.</summary>
public enum EventRole
{
    Viewer = 0,
    Presenter = 1,
    Moderator = 2,
    Organiser = 3,
}
