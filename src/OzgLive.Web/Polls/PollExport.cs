using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using OzgLive.Web.Replay.Exports;

namespace OzgLive.Web.Polls;

/// <summary>
/// The "Umfragen" part of the transcript exports: a Markdown section, a CSV of its own (one row per
/// answer option, word or text: a table Excel can chart) and the JSON export's <c>polls</c>. All from the
/// same <see cref="PollView"/>s the replay page shows, so they cannot disagree.
/// </summary>
public static class PollExport
{
    /// <summary>Headings and lines by block; empty when the event had no polls.</summary>
    public static string Markdown(IReadOnlyList<PollView> polls, IReadOnlyDictionary<int, string> blockTitles, IStringLocalizer<PollTexts> t, CultureInfo culture)
    {
        if (polls.Count == 0)
        {
            return "";
        }

        var md = new StringBuilder();
        md.Append("## ").Append(t["Section_Heading"]).Append("\n\n");
        foreach (var group in ByBlock(polls))
        {
            md.Append("### ").Append(MarkdownText.Inline(BlockHeading(t, group.Key, blockTitles))).Append("\n\n");
            foreach (var poll in group)
            {
                md.Append("#### ").Append(MarkdownText.Inline(poll.Question)).Append("\n\n");
                var results = poll.Results;
                md.Append("- ").Append(Kind(t, poll)).Append('\n');
                md.Append("- ").Append(Respondents(t, results?.Respondents ?? 0, culture)).Append('\n');
                if (poll.Kind == PollKind.Rating && results?.Mean() is double mean)
                {
                    md.Append("- ").Append(t["Rating_Mean", mean.ToString("0.0", culture)]).Append('\n');
                }

                md.Append('\n');
                foreach (var item in results?.Items ?? [])
                {
                    md.Append("- ").Append(MarkdownText.Inline(item.Label));
                    if (poll.Kind != PollKind.Text)
                    {
                        md.Append(": ").Append(item.Count.ToString(culture)).Append(" (").Append(Share(item.Count, results!, culture)).Append(')');
                    }

                    md.Append('\n');
                }

                md.Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>UTF-8 with BOM, ';' and CRLF like the transcript's CSV: one row per option, rating value, word or approved text.</summary>
    public static byte[] Csv(IReadOnlyList<PollView> polls, IReadOnlyDictionary<int, string> blockTitles, string date, IStringLocalizer<PollTexts> t)
    {
        var csv = new CsvWriter();
        csv.Row(t["Csv_EventDate"], t["Csv_Block"], t["Csv_BlockTitle"], t["Csv_Poll"], t["Csv_Kind"], t["Csv_Respondents"], t["Csv_Answer"], t["Csv_Count"]);
        foreach (var poll in polls)
        {
            var block = poll.BlockNumber?.ToString(CultureInfo.InvariantCulture);
            var title = poll.BlockNumber is int n ? blockTitles.GetValueOrDefault(n, "") : t["Event_Heading"];
            foreach (var item in poll.Results?.Items ?? [])
            {
                csv.Row(date, block, title, poll.Question, Kind(t, poll), poll.Results!.Respondents.ToString(CultureInfo.InvariantCulture),
                    item.Label, item.Count.ToString(CultureInfo.InvariantCulture));
            }
        }

        return csv.ToBytes();
    }

    /// <summary>The JSON export's <c>polls</c>.</summary>
    public static IReadOnlyList<PollJson> Json(IReadOnlyList<PollView> polls) =>
        [.. polls.Select(p => new PollJson(
            p.Id, p.BlockNumber, p.Kind, p.Question, p.MaxChoices, p.ScaleMax, p.LowLabel, p.HighLabel,
            p.Results?.Respondents ?? 0, p.Kind == PollKind.Rating ? p.Results?.Mean() : null,
            [.. (p.Results?.Items ?? []).Select(i => new PollJson.ItemPart(i.Key, i.Label, i.Count))]))];

    public static IEnumerable<IGrouping<int?, PollView>> ByBlock(IReadOnlyList<PollView> polls) =>
        polls.GroupBy(p => p.BlockNumber).OrderBy(g => g.Key is null ? 1 : 0).ThenBy(g => g.Key);

    public static string BlockHeading(IStringLocalizer<PollTexts> t, int? block, IReadOnlyDictionary<int, string> titles) =>
        block is int n ? t["Block_Heading", n, titles.GetValueOrDefault(n, "")] : t["Event_Heading"];

    public static string Kind(IStringLocalizer<PollTexts> t, PollView poll) => poll.Kind switch
    {
        PollKind.Multiple => t["Kind_Multiple", poll.MaxChoices],
        PollKind.Rating => t["Kind_Rating", poll.ScaleMax ?? 5],
        _ => t[$"Kind_{poll.Kind}"],
    };

    public static string Respondents(IStringLocalizer<PollTexts> t, int n, CultureInfo culture) => n switch
    {
        0 => t["Respondents_None"],
        1 => t["Respondents_One"],
        _ => t["Respondents", n.ToString("N0", culture)],
    };

    public static string Share(int count, PollResults results, CultureInfo culture)
    {
        var total = results.Items.Sum(i => i.Count);
        return (total == 0 ? 0d : (double)count / total).ToString("P0", culture);
    }
}

/// <summary>One poll in the JSON export (format version 1: the field <c>polls</c> was added).</summary>
/// <param name="Mean">Rating polls: the average; otherwise null.</param>
public sealed record PollJson(
    long Id, int? BlockNumber, PollKind Kind, string Question, int MaxChoices, int? ScaleMax, string? LowLabel, string? HighLabel,
    int Respondents, double? Mean, IReadOnlyList<PollJson.ItemPart> Results)
{
    public sealed record ItemPart(string Key, string Label, int Count);
}
