namespace OzgLive.Web.Polls;

/// <summary>Which polls the live screens (console, presenter, viewers' page) show, and in what order.</summary>
public static class PollScreens
{
    /// <summary>The current block's polls first (what a moderator opens next), then the event's, then the other blocks' in block order.</summary>
    public static IReadOnlyList<PollView> CurrentBlockFirst(IReadOnlyList<PollView>? polls, int? currentBlock) =>
        [.. (polls ?? []).OrderBy(p => p.BlockNumber == currentBlock && currentBlock is not null ? 0 : p.BlockNumber is null ? 1 : 2)
            .ThenBy(p => p.BlockNumber ?? 0)];

    /// <summary>The poll the audience answers now: the most recently opened one (a moderator may open two).</summary>
    public static PollView? Open(IReadOnlyList<PollView>? polls) =>
        (polls ?? []).Where(p => p.State == PollState.Open).OrderByDescending(p => p.OpenedAt).FirstOrDefault();
}
