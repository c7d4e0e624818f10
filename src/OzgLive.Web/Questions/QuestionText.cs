using System.Globalization;
using System.Text;

namespace OzgLive.Web.Questions;

/// <summary>
/// Cleans what viewers type before it is stored: Unicode normalised, control and invisible
/// formatting characters removed (they can hide or reverse text on the presenter screen),
/// whitespace collapsed to single spaces, trimmed. The result is plain text; pages encode it.
/// </summary>
public static class QuestionText
{
    public const int MinLength = 3;
    public const int MaxLength = 500;

    public static string Clean(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        var builder = new StringBuilder(input.Length);
        var pendingSpace = false;
        foreach (var rune in input.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Length in Unicode characters (code points), as the page's counter counts them.</summary>
    public static int Length(string text) => text.EnumerateRunes().Count();
}
