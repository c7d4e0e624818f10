using System.Text;

namespace OzgLive.Web.Replay.Exports;

/// <summary>
/// Viewers' texts put into Markdown as plain text: characters Markdown would read as formatting, links
/// or HTML are escaped, so a question cannot turn into a heading, a link or a script when rendered.
/// </summary>
public static class MarkdownText
{
    // Formatting, links, HTML and entities anywhere; block markers (headings, lists) only where a line starts.
    private const string Special = "\\`*_[]<>|~&";

    /// <summary>One line of text: line breaks become spaces.</summary>
    public static string Inline(string value) => Escape(string.Join(' ', Lines(value)));

    /// <summary>A block quote keeping the text's own line breaks (hard breaks inside, "> " before each line).</summary>
    public static string Quote(string value) =>
        string.Join("  \n", Lines(value).Select(line => "> " + Escape(line)));

    private static IEnumerable<string> Lines(string value) =>
        value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string Escape(string value)
    {
        var result = new StringBuilder(value.Length + 8);
        if (value.Length > 0 && value[0] is '#' or '+' or '-' or '=')
        {
            result.Append('\\');
        }

        var digits = value.TakeWhile(char.IsAsciiDigit).Count();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i == digits && digits > 0 && c is '.' or ')')
            {
                result.Append('\\');
            }

            if (Special.Contains(c, StringComparison.Ordinal))
            {
                result.Append('\\');
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
