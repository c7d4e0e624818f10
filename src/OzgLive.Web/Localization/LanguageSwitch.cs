using System.Globalization;

namespace OzgLive.Web.Localization;

/// <summary>The links of the header's language switch and the footer's statement link, built from the page's own address.</summary>
public static class LanguageSwitch
{
    public const int MaxReturnPathLength = 500;

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>"/sprache/en?zurueck=%2Fevents%2Fx": sets the language and comes back to the same page.</summary>
    public static string Href(string culture, string currentPath) =>
        $"/sprache/{culture}?zurueck={Uri.EscapeDataString(WithoutLanguageQuery(currentPath))}";

    /// <summary>
    /// The accessibility statement, told which page the visitor came from: its feedback e-mail then
    /// names the page with the barrier without the visitor having to find its address.
    /// </summary>
    public static string StatementHref(string currentPath)
    {
        var path = PathOnly(currentPath);
        return path is "/" or "/barrierefreiheit" || path.Length > MaxReturnPathLength
            ? "/barrierefreiheit"
            : $"/barrierefreiheit?seite={Uri.EscapeDataString(path)}";
    }

    /// <summary>Drops "?lang=…": a page opened with it would otherwise stay in that language after switching.</summary>
    public static string WithoutLanguageQuery(string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return pathAndQuery;
        }

        var kept = pathAndQuery[(question + 1)..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.Split('=', 2)[0].Equals("lang", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return kept.Count == 0 ? pathAndQuery[..question] : pathAndQuery[..question] + "?" + string.Join('&', kept);
    }

    private static string PathOnly(string pathAndQuery)
    {
        var end = pathAndQuery.IndexOfAny(['?', '#']);
        return end < 0 ? pathAndQuery : pathAndQuery[..end];
    }
}
