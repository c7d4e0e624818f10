using System.Collections.Concurrent;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Live;

/// <summary>How much of the public question list a viewer gets at once (the "Live" configuration section).</summary>
public sealed class QuestionPageOptions
{
    /// <summary>
    /// Public questions in a viewer's snapshot (JoinEvent, GetSnapshot, the server-rendered page). An
    /// event with thousands of questions would otherwise send all of them with every join.
    /// </summary>
    public int FirstPageQuestions { get; set; } = 100;

    /// <summary>Public questions per answer of GetPublicQuestions.</summary>
    public int QuestionPageSize { get; set; } = 200;

    /// <summary>GetPublicQuestions calls per hub connection and minute.</summary>
    public int QuestionPagesPerConnectionPerMinute { get; set; } = 60;

    /// <summary>GetPublicQuestions calls per network address and minute: generous, offices share one address.</summary>
    public int QuestionPagesPerAddressPerMinute { get; set; } = 1200;
}

/// <summary>
/// The public questions of one snapshot (ascending id), and the parts of them viewers get: the first
/// page of the snapshot and the older pages of GetPublicQuestions. Made once per shared snapshot
/// (<see cref="SnapshotReader"/>), so that every viewer joining at the same <c>seq</c> gets the same
/// lists, each serialized once (<see cref="SharedPublicQuestions"/>).
/// </summary>
public sealed class PublicQuestionList
{
    private readonly PublicQuestion[] questions;
    private readonly int pageSize;

    // The pages of the cursor chain that every viewer walks (null, then each page's lowest id) are the
    // same for all of them, so each is made and serialized once; keyed by where the page ends. At most
    // one per page of the list, since no other page is kept.
    private readonly ConcurrentDictionary<int, SharedPublicQuestions> chainPages = new();

    /// <param name="questions">Every public question, in ascending id order.</param>
    public PublicQuestionList(IReadOnlyList<PublicQuestion> questions, QuestionPageOptions options)
    {
        this.questions = [.. questions];
        pageSize = options.QuestionPageSize;
        All = new SharedPublicQuestions(this.questions);
        var first = FirstPageOf(this.questions, options.FirstPageQuestions);
        More = first.Count < this.questions.Length;
        FirstPage = More ? new SharedPublicQuestions(first) : All;
    }

    /// <summary>Every public question: for presenter screens and the page's "all questions" link.</summary>
    public IReadOnlyList<PublicQuestion> All { get; }

    /// <summary>What a viewer's snapshot holds; <see cref="All"/> itself when that is not more than the limit.</summary>
    public IReadOnlyList<PublicQuestion> FirstPage { get; }

    /// <summary>The first page leaves some out.</summary>
    public bool More { get; }

    public int Total => questions.Length;

    /// <summary>
    /// Up to a page of the newest questions with an id below <paramref name="beforeId"/> (null: from the
    /// newest), in ascending id order; <c>More</c>: older ones remain.
    /// </summary>
    public (IReadOnlyList<PublicQuestion> Questions, bool More) Before(long? beforeId)
    {
        var end = beforeId is long id ? CountBelow(id) : questions.Length;
        var start = Math.Max(0, end - pageSize);
        IReadOnlyList<PublicQuestion> page = (questions.Length - end) % pageSize == 0
            ? chainPages.GetOrAdd(end, _ => new SharedPublicQuestions(questions[start..end]))
            : questions[start..end];
        return (page, start > 0);
    }

    /// <summary>
    /// Every question on stage (what everyone is listening to, and what the overlay shows), then the
    /// most-voted (ties: newer first) and the newest, half each; fewer most-voted ones leave the room to
    /// the newest. In ascending id order, as every list of the protocol.
    /// </summary>
    public static IReadOnlyList<PublicQuestion> FirstPageOf(IReadOnlyList<PublicQuestion> questions, int limit)
    {
        if (questions.Count <= limit)
        {
            return questions;
        }

        var chosen = questions.Where(q => q.Status == QuestionStatus.OnStage).Select(q => q.Id).ToHashSet();
        var mostVoted = Math.Max(0, limit - chosen.Count) / 2;
        foreach (var q in questions.OrderByDescending(q => q.Votes).ThenByDescending(q => q.Id))
        {
            if (mostVoted == 0)
            {
                break;
            }

            if (chosen.Add(q.Id))
            {
                mostVoted--;
            }
        }

        for (var i = questions.Count - 1; i >= 0 && chosen.Count < limit; i--)
        {
            chosen.Add(questions[i].Id);
        }

        return [.. questions.Where(q => chosen.Contains(q.Id))];
    }

    private int CountBelow(long id)
    {
        int low = 0, high = questions.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (questions[middle].Id < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
