using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace OzgLive.Web.Replay;

/// <summary>Addresses on the replay page. Absolute paths: the site's &lt;base href="/"&gt; would send "?t=…" to the start page.</summary>
public static class ReplayLinks
{
    public static string Page(string slug) => $"/events/{Uri.EscapeDataString(slug)}/replay";

    /// <summary>Plays the recording from a moment: without JavaScript a real link that brings the consent box with the start position.</summary>
    public static string Jump(string slug, int seconds, string? query = null) =>
        Page(slug) + "?" + (string.IsNullOrWhiteSpace(query) ? "" : "q=" + Uri.EscapeDataString(query.Trim()) + "&")
        + "t=" + seconds.ToString(CultureInfo.InvariantCulture) + "#aufzeichnung";
}

/// <summary>The page's search: a question matches when its text, asker or answer contains the words, ignoring case.</summary>
public static class ReplaySearch
{
    public static bool Matches(TranscriptQuestion q, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var compare = CultureInfo.CurrentCulture.CompareInfo;
        bool Has(string? s) => s is not null && compare.IndexOf(s, query.Trim(), CompareOptions.IgnoreCase) >= 0;
        return Has(q.Text) || Has(q.DisplayName) || Has(q.Organisation) || Has(q.PublishedAnswer) || Has(q.AnswerBy);
    }
}

/// <summary>The questions by block, in the order the blocks were held; questions without a block last.</summary>
public sealed record ReplayGroup(int? BlockNumber, string Title, IReadOnlyList<TranscriptQuestion> Questions)
{
    public string Key => BlockNumber?.ToString(CultureInfo.InvariantCulture) ?? "none";
}

public static class ReplayGroups
{
    public static IReadOnlyList<ReplayGroup> Of(ReplayModel model)
    {
        var held = model.Transcript.Chapters.Select(c => c.BlockNumber).ToList();
        return model.Questions
            .GroupBy(q => q.BlockNumber)
            .OrderBy(g => g.Key is null ? 1 : 0)
            .ThenBy(g => held.IndexOf(g.Key ?? 0) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Key)
            .Select(g => new ReplayGroup(g.Key, Title(model, g.Key), g.ToList()))
            .ToList();
    }

    private static string Title(ReplayModel model, int? number) => number is not int n ? ""
        : model.Transcript.Chapters.FirstOrDefault(c => c.BlockNumber == n)?.Title
          ?? model.Event.Blocks.FirstOrDefault(b => b.Number == n)?.Title
          ?? n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The "Js_" strings of ReplayTexts as JSON for &lt;script id="replay-texts"&gt;.</summary>
public static class ReplayScriptTexts
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // HTML-sensitive characters stay escaped (\u003C …): the JSON sits inside a <script> element.
    public static MarkupString Json(IStringLocalizer<ReplayTexts> t)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["lang"] = CultureInfo.CurrentUICulture.Name };
        foreach (var s in t.GetAllStrings(includeParentCultures: true))
        {
            if (s.Name.StartsWith("Js_", StringComparison.Ordinal))
            {
                texts.TryAdd(s.Name, s.Value);
            }
        }

        return new MarkupString(JsonSerializer.Serialize(texts, Options));
    }
}
