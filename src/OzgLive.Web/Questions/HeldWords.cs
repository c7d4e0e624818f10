using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace OzgLive.Web.Questions;

/// <summary>
/// The configurable word list: a question that contains one of its words waits for a moderator
/// even with auto-approve on, and the moderator is told which word matched.
/// </summary>
public sealed class HeldWords
{
    private readonly List<(string[] Words, bool Prefix, string Entry)> entries;

    public HeldWords(IOptions<QuestionOptions> options)
    {
        entries = options.Value.EffectiveHeldWords
            .Select(entry => entry.Trim())
            .Where(entry => entry.Length > 0)
            .Select(entry =>
            {
                var prefix = entry.EndsWith('*');
                var words = Words(Fold(prefix ? entry[..^1] : entry));
                return (words, prefix, entry);
            })
            .Where(e => e.words.Length > 0)
            .ToList();
    }

    /// <summary>The list entry the text matches, or null.</summary>
    public string? Match(string text)
    {
        var words = Words(Fold(text));
        foreach (var (phrase, prefix, entry) in entries)
        {
            for (var i = 0; i + phrase.Length <= words.Length; i++)
            {
                var matches = true;
                for (var j = 0; j < phrase.Length && matches; j++)
                {
                    var last = j == phrase.Length - 1;
                    matches = last && prefix
                        ? words[i + j].StartsWith(phrase[j], StringComparison.Ordinal)
                        : words[i + j] == phrase[j];
                }

                if (matches)
                {
                    return entry;
                }
            }
        }

        return null;
    }

    // Lower case and compatibility-normalised, so "SCHEIẞE", "Scheiße" and full-width letters compare equal.
    private static string Fold(string text) =>
        text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.GetCultureInfo("de-DE")).Replace("ẞ", "ß", StringComparison.Ordinal);

    private static string[] Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || !char.IsLetterOrDigit(text[i]);
            if (separator && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
            else if (!separator && start < 0)
            {
                start = i;
            }
        }

        return [.. words];
    }
}
