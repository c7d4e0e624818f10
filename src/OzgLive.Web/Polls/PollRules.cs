namespace OzgLive.Web.Polls;

/// <summary>Which poll states allow what; each refusal has its code (docs/hub-protocol.md, "Errors").</summary>
public static class PollRules
{
    public static void RequireOpen(Poll? poll)
    {
        switch (poll?.State)
        {
            case null:
                throw PollException.NotFound();
            case PollState.Prepared:
                throw new PollException("poll-not-open", "Diese Umfrage ist noch nicht geöffnet.");
            case PollState.Closed:
                throw new PollException("poll-closed", "Diese Umfrage ist geschlossen: Antworten lassen sich nicht mehr abgeben oder ändern.");
        }
    }

    /// <summary>A moderator's action decided on an older copy of the poll (two moderators, one "close") changes nothing.</summary>
    public static void RequireVersion(Poll poll, long expectedVersion)
    {
        if (poll.Version != expectedVersion)
        {
            throw new PollException(
                "stale",
                $"Diese Umfrage wurde inzwischen geändert (Stand {poll.Version}, Ihre Ansicht {expectedVersion}). Bitte prüfen und erneut versuchen.");
        }
    }

    public static void RequireState(Poll poll, string action, params PollState[] allowed)
    {
        if (!allowed.Contains(poll.State))
        {
            throw new PollException("invalid-transition", $"Diese Umfrage kann im Zustand \"{poll.State.ToDb()}\" nicht {action} werden.");
        }
    }
}
