namespace OzgLive.Web.Live;

/// <summary>
/// Marks a hub method that only callers with at least this role in the event may invoke. The
/// method's first parameter must be the event id; <see cref="LiveHubFilter"/> enforces both.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresEventRoleAttribute(EventRole role) : Attribute
{
    public EventRole Role { get; } = role;
}
