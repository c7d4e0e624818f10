using System.Globalization;
using System.Text;

namespace OzgLive.Web.Calendar;

/// <summary>
/// iCalendar content lines (RFC 5545 §3.1): CRLF after each, folded so that no line is longer than 75
/// octets, never inside a UTF-8 character (a split umlaut would show as two broken characters).
/// </summary>
public sealed class IcsWriter
{
    public const int MaxOctets = 75;

    private readonly StringBuilder text = new();

    /// <summary>A property whose value is already in iCalendar form (dates, codes, URIs).</summary>
    public IcsWriter Raw(string nameAndParameters, string value)
    {
        text.Append(Fold(nameAndParameters + ":" + value)).Append("\r\n");
        return this;
    }

    /// <summary>A TEXT property: escaped (§3.3.11) and folded.</summary>
    public IcsWriter Text(string name, string value) => Raw(name, Escape(value));

    public IcsWriter Utc(string name, DateTimeOffset at) => Raw(name, UtcValue(at));

    public override string ToString() => text.ToString();

    public static string UtcValue(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A local date-time without zone ("20260401T100000"), read with a TZID parameter.</summary>
    public static string LocalValue(DateTime local) => local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Backslash, semicolon and comma escaped; every kind of line break becomes "\n"; other control characters dropped.</summary>
    public static string Escape(string value)
    {
        var result = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': result.Append("\\\\"); break;
                case ';': result.Append("\\;"); break;
                case ',': result.Append("\\,"); break;
                case '\r':
                    result.Append("\\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n': result.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t')
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>Splits a content line into lines of at most 75 octets; continuation lines start with one space (counted).</summary>
    public static string Fold(string line)
    {
        var result = new StringBuilder(line.Length + line.Length / 60 * 3);
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                result.Append("\r\n ");
                octets = 1;
            }

            result.Append(rune.ToString());
            octets += size;
        }

        return result.ToString();
    }
}
