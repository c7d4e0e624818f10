using OzgLive.Web.Questions;

namespace OzgLive.Web.Viewer;

/// <summary>How viewers may sort the public list; the query value is what the sort form sends without JavaScript.</summary>
public enum QuestionSort
{
    Votes,
    Newest,
}

/// <summary>The public list's order (wwwroot/js/event-live.js sorts the same way: change both together).</summary>
public static class QuestionOrder
{
    public const string VotesValue = "stimmen";
    public const string NewestValue = "neueste";

    public static QuestionSort Parse(string? value) =>
        string.Equals(value, NewestValue, StringComparison.OrdinalIgnoreCase) ? QuestionSort.Newest : QuestionSort.Votes;

    public static string Value(this QuestionSort sort) => sort == QuestionSort.Newest ? NewestValue : VotesValue;

    /// <summary>
    /// The question on stage first (it is what everyone is listening to), answered ones last; in
    /// between by votes (ties: asked earlier first) or newest first.
    /// </summary>
    public static IReadOnlyList<PublicQuestion> Sort(IEnumerable<PublicQuestion> questions, QuestionSort sort)
    {
        var ordered = questions.OrderBy(Rank);
        return (sort == QuestionSort.Newest
                ? ordered.ThenByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id)
                : ordered.ThenByDescending(q => q.Votes).ThenBy(q => q.CreatedAt).ThenBy(q => q.Id))
            .ToList();
    }

    private static int Rank(PublicQuestion q) => q.Status switch
    {
        QuestionStatus.OnStage => 0,
        QuestionStatus.Answered => 2,
        _ => 1,
    };
}
