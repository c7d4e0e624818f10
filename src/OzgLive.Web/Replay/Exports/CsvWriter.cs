using System.Text;

namespace OzgLive.Web.Replay.Exports;

/// <summary>
/// RFC 4180 with the separator German Excel expects (';'), CRLF between rows and a UTF-8 BOM, without
/// which Excel reads the file as Windows-1252 and garbles every umlaut.
/// </summary>
public sealed class CsvWriter
{
    public const char Separator = ';';

    private readonly StringBuilder text = new();

    public void Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append(Separator);
            }

            text.Append(Cell(cells[i]));
        }

        text.Append("\r\n");
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];

    /// <summary>
    /// A cell as written: text a spreadsheet would run as a formula (=, +, -, @, and tab or CR that some
    /// programs strip first) gets a leading apostrophe, because the texts come from anonymous viewers;
    /// then quoted if it holds the separator, a quote or a line break.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([Separator, '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
