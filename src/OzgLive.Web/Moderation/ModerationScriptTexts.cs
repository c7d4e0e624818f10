using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace OzgLive.Web.Moderation;

/// <summary>
/// Every console text in the page's language, as JSON for moderate.js: the script writes cards and
/// notices with the same words as the server, from the same resource files.
/// </summary>
public static class ModerationScriptTexts
{
    // The default encoder escapes <, > and & as well, so the JSON cannot end its script element.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    public static MarkupString Json(IStringLocalizer<ModerationTexts> texts)
    {
        var all = texts.GetAllStrings(includeParentCultures: true)
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return new MarkupString(JsonSerializer.Serialize(all, Options));
    }
}
