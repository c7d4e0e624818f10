using System.Globalization;
using System.Text;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Moderation;

/// <summary>
/// Which questions a duplicate most likely repeats: the open ones ranked by how many three-letter
/// pieces of their texts they share (Dice coefficient over trigrams of the lower-cased words),
/// most similar first. A few dozen short texts per event: computed on demand, no index needed.
/// </summary>
public static class MergeSuggestions
{
    public const int Max = 9;

    /// <summary>The questions <paramref name="duplicate"/> may be merged into, most similar first.</summary>
    public static IReadOnlyList<ModeratorQuestion> For(ModeratorQuestion duplicate, IEnumerable<ModeratorQuestion> all)
    {
        var mine = Trigrams(duplicate.Text);
        return all
            .Where(q => q.Id != duplicate.Id && q.Status is QuestionStatus.Pending or QuestionStatus.Approved or QuestionStatus.OnStage or QuestionStatus.Answered)
            .Select(q => (Question: q, Score: Similarity(mine, Trigrams(q.Text))))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Question.Id)
            .Take(Max)
            .Select(s => s.Question)
            .ToList();
    }

    /// <summary>0 (nothing shared) to 1 (the same pieces).</summary>
    public static double Similarity(string a, string b) => Similarity(Trigrams(a), Trigrams(b));

    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    private static HashSet<string> Trigrams(string text)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            // Padded, so short words ("KI", "OZG") count too.
            var padded = $" {word} ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                grams.Add(padded.Substring(i, 3));
            }
        }

        return grams;
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
