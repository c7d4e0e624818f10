using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace OzgLive.Web.Viewer;

/// <summary>
/// The strings the viewer page's scripts (wwwroot/js/event-live.js and its viewer-*.js modules) write, from the same resource files as the server's markup,
/// as JSON for <c>&lt;script type="application/json" id="viewer-texts"&gt;</c>.
/// </summary>
public static class ViewerScriptTexts
{
    // Only what the script writes; long texts that only the server renders stay out of every page load.
    private static readonly string[] Prefixes =
        ["Js_", "Clock_", "Block_", "Connection_", "Agenda_", "Video_FrameTitle", "Ask_", "Error_", "Status_", "Question_", "Vote_", "Live_", "Announce_", "Relative_", "Similar_Support"];

    private static readonly HashSet<string> ServerOnly =
        ["Clock_Heading", "Clock_NoScript", "Agenda_Heading", "Agenda_Hint", "Ask_Heading", "Ask_Question", "Ask_QuestionHint", "Ask_Name", "Ask_Organisation", "Ask_NameHint", "Ask_Submit", "Ask_NoScript", "Live_PauseHint",
         "Ask_Anonymous", "Ask_AnonymousHint", "Ask_Remember", "Ask_Open", "Ask_Asker"];

    // HTML-sensitive characters (<, >, &, quotes) stay escaped: the JSON sits inside a <script> element.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IReadOnlyDictionary<string, string> For(IStringLocalizer<ViewerTexts> t)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["lang"] = CultureInfo.CurrentUICulture.Name,
        };
        foreach (var s in t.GetAllStrings(includeParentCultures: true))
        {
            if (!ServerOnly.Contains(s.Name) && Prefixes.Any(p => s.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                texts.TryAdd(s.Name, s.Value);
            }
        }

        return texts;
    }

    public static MarkupString Json(IStringLocalizer<ViewerTexts> t) => Json(For(t));

    /// <summary>Only these keys of a resource, with the page's language ("lang"): the poll parts of the viewer page and the overlay.</summary>
    public static MarkupString Json(IStringLocalizer t, IEnumerable<string> keys)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["lang"] = CultureInfo.CurrentUICulture.Name };
        foreach (var key in keys)
        {
            texts[key] = t[key];
        }

        return Json(texts);
    }

    /// <summary>JSON that is safe inside a script element: no text can end the element early.</summary>
    public static MarkupString Json(IReadOnlyDictionary<string, string> texts) => new(JsonSerializer.Serialize(texts, Options));
}
