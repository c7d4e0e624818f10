using System.Globalization;
using System.Text;
using OzgLive.Web.Questions;

namespace OzgLive.Web.Polls;

/// <summary>
/// Turns a viewer's answer into the items that are stored and counted, refusing what does not fit the
/// poll, and back. Word-cloud words are counted normalised: "Über  Uns", "über uns" and "ueber uns"
/// are one word.
/// </summary>
public static class PollAnswers
{
    public const int MaxWordLength = 40;
    public const int MinTextLength = 3;
    public const int MaxTextLength = 280;

    /// <summary>One item of an answer: the counted form and, for words and texts, what the viewer typed.</summary>
    public sealed record Item(string Counted, string? Display);

    /// <summary>The answer's items, or a <see cref="PollException"/> saying what is wrong with it.</summary>
    public static IReadOnlyList<Item> ToItems(Poll poll, PollAnswer? answer)
    {
        if (answer is null)
        {
            throw PollException.Invalid("Bitte die Antwort als Objekt {choices, rating, words, text} senden.");
        }

        switch (poll.Kind)
        {
            case PollKind.Single or PollKind.Multiple:
                var choices = answer.Choices ?? [];
                if (choices.Length == 0)
                {
                    throw PollException.Invalid("Bitte mindestens eine Antwort wählen.");
                }

                var max = poll.Kind == PollKind.Single ? 1 : poll.MaxChoices;
                if (choices.Distinct().Count() > max)
                {
                    throw new PollException("too-many-choices", max == 1 ? "Bitte nur eine Antwort wählen." : $"Bitte höchstens {max} Antworten wählen.");
                }

                var unknown = choices.Where(c => poll.Options.All(o => o.Number != c)).ToList();
                if (unknown.Count > 0)
                {
                    throw new PollException("unknown-option", $"Antwort {unknown[0]} gibt es in dieser Umfrage nicht.");
                }

                return [.. choices.Distinct().Order().Select(c => new Item(PollStore.Key(c), null))];

            case PollKind.Rating:
                var top = poll.ScaleMax ?? 5;
                if (answer.Rating is not int rating || rating < 1 || rating > top)
                {
                    throw PollException.Invalid($"Bitte eine Bewertung von 1 bis {top} wählen.");
                }

                return [new Item(PollStore.Key(rating), null)];

            case PollKind.WordCloud:
                var words = (answer.Words ?? []).Select(QuestionText.Clean).ToList();
                if (words.Count == 0 || words.Any(w => w.Length == 0))
                {
                    throw PollException.Invalid("Bitte mindestens ein Wort eingeben; leere Wörter zählen nicht.");
                }

                if (words.Count > poll.MaxChoices)
                {
                    throw new PollException("too-many-choices", $"Bitte höchstens {poll.MaxChoices} Wörter eingeben.");
                }

                if (words.Any(w => w.Length > MaxWordLength))
                {
                    throw PollException.Invalid($"Ein Wort darf höchstens {MaxWordLength} Zeichen haben.");
                }

                // The same word twice counts once.
                return [.. words.Select(w => new Item(Normalise(w), w)).DistinctBy(i => i.Counted)];

            default:
                var text = QuestionText.Clean(answer.Text);
                if (text.Length is < MinTextLength or > MaxTextLength)
                {
                    throw PollException.Invalid($"Die Antwort muss {MinTextLength} bis {MaxTextLength} Zeichen haben.");
                }

                return [new Item(text, null)];
        }
    }

    /// <summary>The stored items (what the viewer typed, for words) as the answer's fields.</summary>
    public static PollAnswer FromItems(PollKind kind, IReadOnlyList<string> items) => kind switch
    {
        PollKind.Single or PollKind.Multiple => new PollAnswer([.. items.Select(i => int.Parse(i, CultureInfo.InvariantCulture)).Order()], null, null, null),
        PollKind.Rating => new PollAnswer(null, int.Parse(items[0], CultureInfo.InvariantCulture), null, null),
        PollKind.WordCloud => new PollAnswer(null, null, [.. items], null),
        _ => new PollAnswer(null, null, null, items[0]),
    };

    /// <summary>
    /// The counted form of a word: compatibility-normalised, lower case, single spaces, and umlauts and
    /// ß spelled out, so "Straße", "STRASSE" and "strasse" count together.
    /// </summary>
    public static string Normalise(string word)
    {
        var folded = QuestionText.Clean(word).Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.GetCultureInfo("de-DE"));
        var builder = new StringBuilder(folded.Length + 4);
        foreach (var c in folded)
        {
            builder.Append(c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' or 'ẞ' => "ss",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
